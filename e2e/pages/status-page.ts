import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_CLUSTER = "demo";
const port = Number(process.env.TB_E2E_PORT ?? 3100);

interface Summary {
  page: { updated_at: string | null };
  status: { indicator: string; tiebreaker_status: string };
  components: { id: string; status: string; tiebreaker_status?: string; group: boolean }[];
  incidents: { id: string; name: string; status: string }[];
  scheduled_maintenances: { id: string; name: string; status: string }[];
}

/** The public status page and its machine-readable twins, read the way a visitor reads them. */
export class StatusPage {
  constructor(readonly page: Page) {}

  /** Switches the demo cluster; the moment of the switch, to wait for data newer than it. */
  async useScenario(name: string): Promise<number> {
    const at = Date.now();
    const response = await this.page.request.post("/api/demo", { data: { scenario: name } });
    expect(response.ok(), await response.text()).toBe(true);
    return at;
  }

  async summary(): Promise<Summary> {
    const response = await this.page.request.get("/api/v2/summary.json");
    expect(response.status()).toBe(200);
    return (await response.json()) as Summary;
  }

  /** Waits until the public JSON, built from a poll after `since`, satisfies `check`. */
  async waitFor(since: number, check: (s: Summary) => boolean, timeout = 30_000): Promise<Summary> {
    let last: Summary | null = null;
    await expect
      .poll(
        async () => {
          last = await this.summary();
          const updated = last.page.updated_at ? Date.parse(last.page.updated_at) : 0;
          return updated > since && check(last);
        },
        { timeout },
      )
      .toBe(true);
    return last!;
  }

  async open(path = "/status"): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.getByTestId("status-page")).toBeVisible();
  }

  get overall(): Locator {
    return this.page.getByTestId("status-overall");
  }

  component(id: string): Locator {
    return this.page.locator(
      `[data-testid="status-component"][data-component="${DEMO_CLUSTER}.${id}"]`,
    );
  }

  incident(title: string): Locator {
    return this.page.getByTestId("status-incident").filter({ hasText: title }).first();
  }

  /** A component's uptime over a window as a number, from the text the page shows. */
  async uptime(id: string, window: "24h" | "7d" | "30d" | "90d"): Promise<number> {
    const text = await this.component(id)
      .getByTestId(`status-uptime-${window}`)
      .locator("dd")
      .innerText();
    return Number(text.replace(/[^\d.]/g, ""));
  }

  /** Signs in as the demo's admin; the session cookie is shared with the page. */
  async signIn(): Promise<void> {
    const token = readFileSync(`.tiebreaker/e2e-${port}/admin-token`, "utf8").trim();
    const response = await this.page.request.post("/api/admin/login", { data: { token } });
    expect(response.ok(), await response.text()).toBe(true);
  }

  async screenshot(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
