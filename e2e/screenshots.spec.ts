import { copyFileSync, mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";

/** Takes a full-page picture and keeps it in docs/screenshots, where the README shows it. */
async function keep(page: Page, name: string): Promise<void> {
  const path = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  mkdirSync("docs/screenshots", { recursive: true });
  copyFileSync(path, `docs/screenshots/${name}.png`);
}

test.describe("screenshots for the README and docs", () => {
  test("the overview on a desktop, on a phone and in the dark theme", async ({ page, baseURL }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("two-node-qdevice-node-down");
    await expect(page.getByTestId("timeline-span").first()).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });
    await keep(page, "overview");

    await page.setViewportSize({ width: 390, height: 844 });
    await keep(page, "overview-phone");

    await page.context().addCookies([{ name: "tb-theme", value: "dark", url: baseURL! }]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByTestId("timeline-span").first()).toBeVisible();
    await keep(page, "overview-dark");
  });
});
