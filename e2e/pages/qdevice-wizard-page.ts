import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";

/** The QDevice wizard, driven the way an admin works through it. */
export class QdeviceWizardPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("qdevice-wizard");
  }

  async goto(cluster: string, flow?: "setup" | "remove"): Promise<void> {
    await this.page.goto(`/setup/qdevice?cluster=${cluster}${flow ? `&flow=${flow}` : ""}`);
    await expect(this.root).toBeVisible();
  }

  /** Signs in with the admin token the stack wrote to `tokenFile`. */
  async signIn(tokenFile: string): Promise<void> {
    await this.page.goto("/admin/login");
    await this.page.getByLabel("Admin token").fill(readFileSync(tokenFile, "utf8").trim());
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.page.waitForURL((url) => url.pathname === "/");
  }

  step(id: string): Locator {
    return this.page.locator(`[data-testid="wizard-step"][data-step="${id}"]`);
  }

  /** A check by id: a preflight check, or a step's own check. */
  check(id: string): Locator {
    return this.page.locator(`[data-testid="wizard-check"][data-check="${id}"]`);
  }

  get hostInput(): Locator {
    return this.page.getByLabel(/qnetd host/);
  }

  get reachabilityStatus(): Locator {
    return this.page.getByTestId("reachability-status");
  }

  /** Types the qnetd host and starts a setup run, which also checks TCP 5403 once. */
  async startSetup(host: string): Promise<void> {
    await this.hostInput.fill(host);
    await this.page.getByRole("button", { name: "Start setup" }).click();
    await expect(this.page.getByTestId("run-started")).toBeVisible();
  }

  async checkReachabilityNow(): Promise<void> {
    await this.page.getByRole("button", { name: "Check TCP 5403 now" }).click();
  }

  async markDone(step: string): Promise<void> {
    await this.step(step).getByRole("button", { name: "Mark done" }).click();
    await expect(this.step(step).getByRole("button", { name: "Undo mark" })).toBeVisible();
  }

  async expectStep(step: string, state: string): Promise<void> {
    await expect(this.step(step)).toHaveAttribute("data-state", state);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
