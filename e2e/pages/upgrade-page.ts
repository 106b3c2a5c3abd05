import { expect, type Locator, type Page } from "@playwright/test";

/** The rolling-upgrade view, and the overview's reboot answers it shares its data with. */
export class UpgradePage {
  constructor(readonly page: Page) {}

  async useScenario(name: string): Promise<void> {
    const response = await this.page.request.post("/api/demo", { data: { scenario: name } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  async openOverview(scenario: string): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByTestId("scenario-select")).toHaveValue(scenario);
    await expect(this.page.getByTestId("reboot-readiness")).toBeVisible();
  }

  async open(): Promise<void> {
    await this.page.goto("/upgrade");
    await expect(this.page.getByTestId("rolling-upgrade")).toBeVisible();
  }

  answer(node: string): Locator {
    return this.page.locator(`[data-testid="reboot-node"][data-node="${node}"]`);
  }

  step(node: string): Locator {
    return this.page.locator(`[data-testid="upgrade-step"][data-node="${node}"]`);
  }

  get sentence(): Locator {
    return this.page.getByTestId("upgrade-sentence");
  }

  async screenshot(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
