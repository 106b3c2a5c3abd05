import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";

test.describe("overview on the simulated cluster", () => {
  test("a healthy three-node cluster shows its vote arithmetic and no findings", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("healthy-3-node");
    await expect(page.getByTestId("no-findings")).toBeVisible();
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "true");
    await expect(page.getByTestId("votes-expected")).toHaveText("3");
    await expect(page.getByTestId("votes-quorum")).toHaveText("2");
    await expect(page.getByTestId("votes-can-lose")).toHaveText("1");
    for (const node of ["pve1", "pve2", "pve3"])
      await expect(dashboard.node(node)).toHaveAttribute("data-online", "true");
    await dashboard.screenshot("healthy-3-node");
  });

  test("a two-node cluster without QDevice warns and links to the QDevice guide", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("two-node-no-qdevice");
    const banner = dashboard.banner("quorum.two-node-no-qdevice");
    await expect(banner).toHaveAttribute("data-severity", "warning");
    await expect(page.getByTestId("qdevice-badge")).toHaveAttribute("data-state", "none");
    await dashboard.screenshot("two-node-no-qdevice");
    // A warning keeps what to do folded until asked for; the guide is in it.
    await banner.locator('details[data-section="What to do"] > summary').click();
    await banner.getByTestId("finding-link").click();
    await expect(page.getByTestId("qdevice-setup")).toContainText("pvecm qdevice setup");
  });

  test("the survivor of a two-node cluster shows quorum lost and the peer offline", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("two-node-no-qdevice-node-down");
    await expect(dashboard.banner("quorum.lost", "cluster")).toHaveAttribute(
      "data-severity",
      "critical",
    );
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "false");
    await expect(dashboard.node("pve2")).toHaveAttribute("data-online", "false");
    await expect(dashboard.banner("node.unreachable", "node:pve2")).toBeVisible();
    await dashboard.screenshot("two-node-no-qdevice-node-down");
  });

  test("a QDevice whose qnetd is down shows not voting on both nodes", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("two-node-qdevice-qnetd-down");
    await expect(dashboard.banner("quorum.qdevice-not-voting")).toBeVisible();
    await expect(page.getByTestId("qdevice-badge")).toHaveAttribute("data-state", "not-voting");
    await expect(dashboard.node("pve1").getByTestId("node-qdevice-flags")).toHaveText("A,NV,NMW");
    await dashboard.screenshot("two-node-qdevice-qnetd-down");
  });

  test("a DRBD split brain shows StandAlone connections and the recovery steps", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("drbd9-split-brain");
    const banner = dashboard.banner("drbd.split-brain");
    await expect(banner).toHaveAttribute("data-severity", "critical");
    await expect(banner).toContainText("discard-my-data");
    await expect(page.getByTestId("drbd-table")).toContainText("StandAlone");
    await dashboard.screenshot("drbd9-split-brain");
  });

  test("OCFS2 after a one-node kernel upgrade shows the skew and the Direct IO errors", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("ocfs2-kernel-skew-dio-errors");
    await expect(dashboard.banner("ocfs2.kernel-skew")).toBeVisible();
    await expect(dashboard.banner("ocfs2.io-errors")).toHaveAttribute("data-severity", "critical");
    await expect(page.getByTestId("ocfs2-table")).toBeVisible();
    await dashboard.screenshot("ocfs2-kernel-skew-dio-errors");
  });

  test("an unusable Proxmox API is shown as unknown with its cause, never as healthy", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("api-unreachable");
    const banner = dashboard.banner("pve.api-unreachable");
    await expect(banner).toHaveAttribute("data-severity", "unknown");
    await expect(banner).toContainText("tls");
    await expect(page.getByTestId("no-findings")).toHaveCount(0);
    await dashboard.screenshot("api-unreachable");
  });

  test("an agent that does not answer turns its node's tile to unknown", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("agent-unreachable");
    await expect(dashboard.banner("node.unreachable")).toHaveAttribute("data-severity", "unknown");
    const subject = await dashboard.banner("node.unreachable").getAttribute("data-subject");
    const node = subject!.replace("node:", "");
    await expect(dashboard.node(node).locator('[data-fresh="false"]')).toContainText("unknown");
    await dashboard.screenshot("agent-unreachable");
  });
});

test.describe("timelines change state while the page is open", () => {
  test("the two-node warning appears, then clears when a QDevice is added", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("two-node-qdevice-added-timeline");
    await expect(dashboard.banner("quorum.two-node-no-qdevice")).toBeVisible();
    await dashboard.screenshot("timeline-qdevice-before");
    await expect(dashboard.banner("quorum.two-node-no-qdevice")).toHaveCount(0, {
      timeout: 30_000,
    });
    await expect(page.getByTestId("qdevice-badge")).toHaveAttribute("data-state", "connected");
    await expect(page.getByTestId("votes-expected")).toHaveText("3");
    await dashboard.screenshot("timeline-qdevice-after");
  });

  test("a node that drops out raises findings that clear when it returns", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("node-down-and-back-timeline");
    await expect(page.getByTestId("no-findings")).toBeVisible();
    await expect(dashboard.banner("node.offline", "node:pve3")).toBeVisible({ timeout: 30_000 });
    await dashboard.screenshot("timeline-node-down");
    await expect(dashboard.banner("node.offline")).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId("no-findings")).toBeVisible();
    await dashboard.screenshot("timeline-node-back");
  });
});
