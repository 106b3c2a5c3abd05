import { expect, type Page, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { expectFits, openAllFindings, pagePaths, VIEWPORTS } from "./pages/page-checks";
import { WallPage } from "./pages/wall-page";

/** One scenario per panel, each at its widest: findings with commands, DRBD, OCFS2, links, HA, Ceph. */
const OVERVIEW_SCENARIOS = [
  "drbd9-split-brain",
  "ocfs2-kernel-skew-dio-errors",
  "corosync-link-down-one-node",
  "ha-fencing-risk-node-cut-off",
  "ceph-mon-out-of-quorum",
  "shared-storage-inactive",
  "two-node-qdevice-node-down",
];

async function ready(page: Page, path: string): Promise<void> {
  await page.goto(path);
  const main = {
    "/": "overview",
    "/setup/qdevice": "qdevice-wizard",
    "/status": "status-word",
    "/wall": "wall-panel",
  }[path];
  if (main) await expect(page.getByTestId(main).first()).toBeVisible();
  else await expect(page.locator("h1").first()).toBeVisible();
}

test.describe("every page fits the screen", () => {
  test.beforeEach(async ({ page }) => {
    await new WallPage(page).pair();
  });

  for (const path of pagePaths()) {
    test(`${path} is never wider than a phone, a tablet, a laptop or a desktop`, async ({
      page,
    }) => {
      await new DashboardPage(page).useScenario("drbd9-split-brain");
      for (const size of VIEWPORTS) {
        await page.setViewportSize(size);
        await ready(page, path);
        await expectFits(page, `${path} at ${size.name}`);
      }
    });
  }

  test("the overview fits with every panel in use, findings and their commands open", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const dashboard = new DashboardPage(page);
    for (const scenario of OVERVIEW_SCENARIOS) {
      await dashboard.useScenario(scenario);
      await expect(page.getByTestId("timeline-span").first()).toBeVisible();
      await openAllFindings(page);
      for (const size of VIEWPORTS) {
        await page.setViewportSize(size);
        await expectFits(page, `${scenario} at ${size.name}`);
      }
    }
  });
});
