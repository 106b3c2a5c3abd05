import type { Locator } from "@playwright/test";
import { UpgradePage } from "./upgrade-page";

/** The overview's "If this fails" card, on the overview the reboot answers share. */
export class WhatIfPage extends UpgradePage {
  get card(): Locator {
    return this.page.getByTestId("what-if");
  }

  whatIfAnswer(target: string): Locator {
    return this.page.locator(`[data-testid="what-if-answer"][data-target="${target}"]`);
  }

  async screenshotCard(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.card.screenshot({ path });
    return path;
  }
}
