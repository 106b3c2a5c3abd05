import { expect, type Locator, type Page } from "@playwright/test";

/** The overview page, driven the way an operator reads it. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  /** Switches the demo cluster and waits until the page shows a poll of the new scenario. */
  async useScenario(name: string): Promise<void> {
    const response = await this.page.request.post("/api/demo", { data: { scenario: name } });
    expect(response.ok(), await response.text()).toBe(true);
    await this.page.goto("/");
    await expect(this.page.getByTestId("scenario-select")).toHaveValue(name);
    await expect(this.page.getByTestId("overview")).toBeVisible();
  }

  banner(rule: string, subject?: string): Locator {
    const selector = subject
      ? `[data-rule="${rule}"][data-subject="${subject}"]`
      : `[data-rule="${rule}"]`;
    return this.page.locator(`[data-testid="finding-banner"]${selector}`);
  }

  /** Follows a finding's guide link, which sits in its "What to do" (folded unless critical). */
  async followGuide(rule: string): Promise<void> {
    const banner = this.banner(rule);
    await banner.locator('details[data-section="What to do"]').evaluate((el) => {
      (el as HTMLDetailsElement).open = true;
    });
    await banner.getByTestId("finding-link").click();
  }

  node(name: string): Locator {
    return this.page.locator(`[data-testid="node-card"][data-node="${name}"]`);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
