import { expect, test } from "@playwright/test";
import { DashboardPage } from "../pages/dashboard-page";
import { LabControl } from "../pages/lab-control";

// One real two-node cluster goes through these states in order, as an admin would live through them.
test.describe.configure({ mode: "serial" });

test.describe("dashboard on a real corosync cluster", () => {
  test("two nodes without a QDevice show the warning banner", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await expect(dashboard.banner("quorum.two-node-no-qdevice")).toBeVisible();
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "true");
    await expect(page.getByTestId("votes-expected")).toHaveText("2");
    await expect(dashboard.node("pve2")).toHaveAttribute("data-online", "true");
    await dashboard.screenshot("lab-two-node-no-qdevice");
  });

  test("cutting one node turns the survivor's view to quorum lost", async ({ page, request }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await new LabControl(request).cut("pve2");
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "false");
    await expect(dashboard.banner("quorum.lost", "cluster")).toHaveAttribute(
      "data-severity",
      "critical",
    );
    await expect(dashboard.node("pve1").getByTestId("node-quorate")).toHaveText("not quorate");
    await expect(dashboard.node("pve2")).toHaveAttribute("data-online", "false");
    await dashboard.screenshot("lab-survivor-quorum-lost");
  });

  test("`corosync-quorumtool -e 1` on the survivor shows expected votes lowered", async ({
    page,
    request,
  }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await new LabControl(request).expected("pve1", 1);
    await expect(dashboard.banner("quorum.expected-votes-lowered")).toHaveAttribute(
      "data-severity",
      "warning",
    );
    await expect(page.getByTestId("votes-expected")).toHaveText("1");
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "true");
    await dashboard.screenshot("lab-expected-votes-lowered");
  });

  test("healing the link returns both nodes and full expected votes", async ({ page, request }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await new LabControl(request).heal("pve2");
    await expect(dashboard.node("pve2")).toHaveAttribute("data-online", "true");
    await expect(page.getByTestId("votes-expected")).toHaveText("2");
    await expect(dashboard.banner("quorum.lost")).toHaveCount(0);
    await expect(dashboard.banner("quorum.expected-votes-lowered")).toHaveCount(0);
    await expect(dashboard.banner("node.unreachable")).toHaveCount(0);
  });

  test("with a QDevice both nodes show A,V,NMW and expected 3", async ({ page, request }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await new LabControl(request).enableQdevice();
    await expect(page.getByTestId("votes-expected")).toHaveText("3");
    await expect(page.getByTestId("qdevice-badge")).toHaveAttribute("data-state", "connected");
    for (const node of ["pve1", "pve2"]) {
      await expect(dashboard.node(node).getByTestId("node-qdevice-flags")).toHaveText("A,V,NMW");
    }
    await expect(dashboard.banner("quorum.two-node-no-qdevice")).toHaveCount(0);
    await dashboard.screenshot("lab-qdevice-connected");
  });

  test("stopping qnetd shows the QDevice not voting", async ({ page, request }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await new LabControl(request).stopQnetd();
    await expect(dashboard.banner("quorum.qdevice-not-voting")).toBeVisible();
    await expect(page.getByTestId("qdevice-badge")).toHaveAttribute("data-state", "not-voting");
    await expect(dashboard.node("pve1").getByTestId("node-qdevice-flags")).toHaveText("A,NV,NMW");
    await dashboard.screenshot("lab-qnetd-down");
    await new LabControl(request).startQnetd();
    await expect(page.getByTestId("qdevice-badge")).toHaveAttribute("data-state", "connected");
  });

  test("cutting a node with the QDevice up keeps quorum and shows no margin left", async ({
    page,
    request,
  }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await new LabControl(request).cut("pve2");
    await expect(dashboard.node("pve2")).toHaveAttribute("data-online", "false");
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "true");
    await expect(dashboard.banner("quorum.no-margin")).toBeVisible();
    await expect(page.getByTestId("votes-can-lose")).toHaveText("0");
    await expect(dashboard.banner("quorum.lost")).toHaveCount(0);
    await dashboard.screenshot("lab-qdevice-node-cut-no-margin");
  });

  test("healing returns the cluster to healthy", async ({ page, request }) => {
    const dashboard = new DashboardPage(page);
    await page.goto("/");
    await new LabControl(request).heal("pve2");
    await expect(page.getByTestId("no-findings")).toBeVisible();
    await expect(page.getByTestId("votes-can-lose")).toHaveText("1");
    await dashboard.screenshot("lab-healed");
  });
});
