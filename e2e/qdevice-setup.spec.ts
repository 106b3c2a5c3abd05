import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { QdeviceWizardPage } from "./pages/qdevice-wizard-page";

// The demo stack writes its admin token beside its config (see playwright.config.ts's --work-dir).
const port = Number(process.env.TB_E2E_PORT ?? 3100);
const tokenFile = `.tiebreaker/e2e-${port}/admin-token`;

test.describe.configure({ mode: "serial" });

test.describe("QDevice wizard on the simulated cluster", () => {
  test("the two-node banner opens the wizard for that cluster, with every command filled in", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    const wizard = new QdeviceWizardPage(page);
    await dashboard.useScenario("two-node-no-qdevice");
    await dashboard.followGuide("quorum.two-node-no-qdevice");
    await page.waitForURL(/\/setup\/qdevice\?cluster=demo$/);
    await expect(wizard.root).toHaveAttribute("data-flow", "setup");
    await expect(wizard.check("node-count")).toHaveAttribute("data-state", "ok");
    await expect(wizard.check("nodes-online")).toHaveAttribute("data-state", "ok");
    // The scenario's nodes have no corosync-qdevice-tool: the agents report it not installed.
    await expect(wizard.check("qdevice-installed")).toHaveAttribute("data-state", "failed");
    await expect(wizard.step("install-qdevice")).toContainText("apt install -y corosync-qdevice");
    await expect(wizard.step("install-qdevice")).toContainText("on pve2 (127.0.0.12)");
    await expect(wizard.step("run-setup")).toContainText("pvecm qdevice setup <qnetd-ip>");
    await expect(page.getByTestId("what-if-summary")).toHaveText(
      "Losing one node now: quorum lost; after setup: quorum holds.",
    );
    await expect(page.getByTestId("wizard-sign-in")).toBeVisible();
    await expect(page.getByRole("button", { name: "Mark done" })).toHaveCount(0);
  });

  test("the first HTML already holds the checks and commands", async ({ request }) => {
    const html = await (await request.get("/setup/qdevice?cluster=demo")).text();
    expect(html).toContain('data-testid="qdevice-wizard"');
    expect(html).toContain("pvecm qdevice setup &lt;qnetd-ip&gt;");
    expect(html).toContain("corosync-qdevice installed on every node");
    expect(html).not.toContain('data-testid="pending"');
  });

  test("the overview links to the wizard, and the odd-node banner to its removal flow", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    const wizard = new QdeviceWizardPage(page);
    await dashboard.useScenario("three-node-qdevice");
    await expect(page.getByTestId("qdevice-wizard-link")).toHaveAttribute(
      "href",
      "/setup/qdevice?cluster=demo&flow=remove",
    );
    await dashboard.followGuide("quorum.qdevice-odd-nodes");
    await page.waitForURL(/flow=remove/);
    await expect(wizard.root).toHaveAttribute("data-flow", "remove");
    await expect(wizard.check("node-count")).toHaveAttribute("data-state", "warn");
    await expect(wizard.check("node-count")).toContainText("--force");
    await expect(wizard.step("run-remove")).toHaveAttribute("data-state", "pending");
    await expect(wizard.step("run-remove")).toContainText("pvecm qdevice remove");
    await expect(page.getByTestId("what-if-summary")).toHaveText(
      "Losing one node now: quorum holds; after removal: quorum holds.",
    );
  });

  test("an admin starts a run, checks the host, copies a command and marks a step; the server keeps it", async ({
    page,
    context,
  }) => {
    const dashboard = new DashboardPage(page);
    const wizard = new QdeviceWizardPage(page);
    await dashboard.useScenario("two-node-no-qdevice");
    await wizard.signIn(tokenFile);
    await wizard.goto("demo");
    // Nothing listens on TCP 5403 on the loopback address here.
    await wizard.startSetup("127.0.0.1");
    await expect(wizard.check("qnetd-reachable")).toHaveAttribute("data-state", "failed");
    await expect(wizard.check("qnetd-reachable")).toContainText("connection refused");
    await expect(wizard.step("run-setup")).toContainText("pvecm qdevice setup 127.0.0.1");

    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const copy = wizard.step("install-qnetd").getByTestId("copy-button").first();
    await copy.click();
    await expect(copy).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "apt update && apt install -y corosync-qnetd",
    );

    await wizard.markDone("allow-root-ssh");
    await wizard.expectStep("allow-root-ssh", "confirmed");
    await page.reload();
    await wizard.expectStep("allow-root-ssh", "confirmed");
    await expect(wizard.step("allow-root-ssh")).toContainText("Marked done by demo-admin");
    await expect(page.getByTestId("wizard-log")).toContainText("demo-admin marked done");
    await wizard.screenshot("qdevice-wizard-demo");
  });

  test("the reachability check answers admins only", async ({ request }) => {
    const response = await request.post("/api/setup/qdevice/reachability", {
      data: { cluster: "demo", host: "127.0.0.1" },
    });
    expect(response.status()).toBe(401);
  });
});
