import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";

test.describe("corosync links, HA and Ceph on the overview", () => {
  test("one node's second link down: the link matrix shows it and the finding names node and link", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("corosync-link-down-one-node");
    const matrix = page.getByTestId("link-matrix");
    const cell = (node: string, link: number) =>
      matrix.locator(`[data-testid="link-cell"][data-node="${node}"][data-link="${link}"]`);
    await expect(cell("pve2", 1)).toHaveAttribute("data-connected", "false");
    await expect(cell("pve2", 1).getByTestId("link-state")).toHaveText("0/2 connected");
    await expect(cell("pve2", 0)).toHaveAttribute("data-connected", "true");
    await expect(cell("pve1", 1).getByTestId("link-state")).toHaveText("1/2 connected");
    await expect(dashboard.banner("corosync.link-down", "node:pve2")).toContainText(
      "pve2's corosync link 1 is down",
    );
    await dashboard.screenshot("corosync-link-down-one-node");
  });

  test("a node without quorum running an HA guest: fencing warning and the HA table", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("ha-fencing-risk-node-cut-off");
    await expect(dashboard.banner("ha.quorum-lost-fencing-risk", "node:pve3")).toContainText(
      "will fence itself in about 60 s",
    );
    await expect(page.getByTestId("ha-master")).toHaveText("pve1");
    const pve3 = page.locator('[data-testid="ha-node"][data-node="pve3"]');
    await expect(pve3.getByTestId("ha-guests")).toHaveText("vm:102 started");
    await dashboard.screenshot("ha-fencing-risk-node-cut-off");
  });

  test("HA maintenance: the node is marked and the finding says whether its guests have left", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("ha-maintenance-draining");
    const pve3 = page.locator('[data-testid="ha-node"][data-node="pve3"]');
    await expect(pve3).toHaveAttribute("data-maintenance", "true");
    await expect(pve3.getByTestId("ha-lrm")).toHaveText("maintenance mode");
    await expect(
      page.locator(
        '[data-testid="info-findings"] [data-rule="ha.maintenance"][data-subject="node:pve3"]',
      ),
    ).toContainText("1 HA guest still on it");
  });

  test("a Ceph monitor out of quorum: Ceph card with health, checks, monitors and OSDs", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("ceph-mon-out-of-quorum");
    await expect(page.getByTestId("ceph-health")).toHaveText("HEALTH_WARN");
    await expect(page.getByTestId("ceph-mons")).toHaveText(
      "monitors in quorum: 2 of 3 (out: pve3)",
    );
    await expect(page.getByTestId("ceph-osds")).toHaveText("OSDs: 21 up, 21 in of 21");
    await expect(page.locator('[data-check="MON_DOWN"]')).toBeVisible();
    await expect(dashboard.banner("ceph.mon-quorum", "node:pve3")).toHaveAttribute(
      "data-severity",
      "critical",
    );
    await dashboard.screenshot("ceph-mon-out-of-quorum");
  });

  test("clusters without link data, HA or Ceph show none of these cards", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("healthy-3-node");
    await expect(page.getByTestId("no-findings")).toBeVisible();
    await expect(page.getByTestId("link-matrix")).toHaveCount(0);
    await expect(page.getByTestId("ha-status")).toHaveCount(0);
    await expect(page.getByTestId("ceph-status")).toHaveCount(0);
  });
});
