import { expect, type Locator, type Page } from "@playwright/test";

/** The overview's "If this fails" card and the wall's can-lose line, on the demo stack. */
export class WhatIfPage {
  constructor(readonly page: Page) {}

  async useScenario(name: string): Promise<void> {
    const response = await this.page.request.post("/api/demo", { data: { scenario: name } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  async openOverview(scenario: string): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByTestId("scenario-select")).toHaveValue(scenario);
    await expect(this.card).toBeVisible();
  }

  get card(): Locator {
    return this.page.getByTestId("what-if");
  }

  answer(target: string): Locator {
    return this.page.locator(`[data-testid="what-if-answer"][data-target="${target}"]`);
  }

  async screenshotCard(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.card.screenshot({ path });
    return path;
  }
}
