import { expect, type Page, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";

/** Counts the page's requests to /api/cluster from now on. */
function countClusterRequests(page: Page): { count: number } {
  const counter = { count: 0 };
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/cluster") counter.count++;
  });
  return counter;
}

/** Waits until the overview shows `times` views newer than the one on screen now. */
async function waitForNewViews(page: Page, times: number): Promise<void> {
  const overview = page.getByTestId("overview");
  for (let i = 0; i < times; i++) {
    const shown = await overview.getAttribute("data-taken-at");
    expect(shown).toBeTruthy();
    await expect(overview).not.toHaveAttribute("data-taken-at", shown!, { timeout: 15_000 });
  }
}

test.describe("the overview stays current", () => {
  test("from its event stream, without asking /api/cluster again, and follows a change at once", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("healthy-3-node");
    await expect(page.getByTestId("no-findings")).toBeVisible();
    // The first pushed view proves the stream open; from then on no poll is needed.
    await waitForNewViews(page, 1);
    const requests = countClusterRequests(page);
    await waitForNewViews(page, 3);
    expect(requests.count, "requests to /api/cluster while the stream brought 3 views").toBe(0);

    // A change of the cluster reaches the open page through the same stream.
    const switched = await page.request.post("/api/demo", { data: { scenario: "clock-skew" } });
    expect(switched.ok()).toBe(true);
    await expect(dashboard.banner("node.clock-skew").first()).toBeVisible({ timeout: 15_000 });
    expect(requests.count, "requests to /api/cluster until the change showed").toBe(0);
    await page.request.post("/api/demo", { data: { scenario: "healthy-3-node" } });
  });

  test("by polling every interval when its event stream cannot be opened", async ({ page }) => {
    await page.route("**/api/events?**", (route) => route.abort("connectionrefused"));
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("healthy-3-node");
    const requests = countClusterRequests(page);
    await waitForNewViews(page, 2);
    expect(requests.count, "polls while the stream is refused").toBeGreaterThanOrEqual(2);
  });
});
