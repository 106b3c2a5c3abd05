import { copyFileSync, mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { LabControl } from "../pages/lab-control";
import { QdeviceWizardPage } from "../pages/qdevice-wizard-page";

// The lab stack writes its admin token into its work dir (lab/stack.ts, prefix "tb").
const tokenFile = ".tiebreaker/lab/tb/admin-token";
const SETUP_LIVE_STEPS = ["install-qnetd", "install-qdevice", "run-setup", "verify"] as const;

test.describe.configure({ mode: "serial" });

/** Live steps after `done` are not green yet: the checks turn green in order, not all at once. */
async function expectLaterStepsOpen(wizard: QdeviceWizardPage, done: string): Promise<void> {
  const later = SETUP_LIVE_STEPS.slice(SETUP_LIVE_STEPS.indexOf(done as never) + 1);
  for (const step of later)
    await expect(wizard.step(step)).not.toHaveAttribute("data-state", /^(ok|confirmed)$/);
}

async function signedInWizard(page: Page): Promise<QdeviceWizardPage> {
  const wizard = new QdeviceWizardPage(page);
  await wizard.signIn(tokenFile);
  return wizard;
}

test.describe("QDevice wizard on a real corosync cluster", () => {
  test.beforeAll(async ({ request }) => {
    // The lab may come from another spec with a QDevice: start from two nodes without one, with
    // corosync-qdevice not installed and corosync-qnetd not running, as an admin would find them.
    const lab = new LabControl(request);
    await lab.unblockQnetd();
    await lab.removeQdevice();
    await lab.stopQnetd();
    await lab.uninstallQdevice();
  });

  test.afterAll(async ({ request }) => {
    await new LabControl(request).unblockQnetd();
  });

  test("setup: each step done on the lab turns its check green, in order, until quorate with a QDevice", async ({
    page,
    request,
  }) => {
    // Six steps on real daemons, each waiting for the next poll to show it.
    test.setTimeout(300_000);
    const lab = new LabControl(request);
    const host = (await lab.state()).qnetdAddress;
    const wizard = await signedInWizard(page);
    await wizard.goto("lab");
    await expect(wizard.root).toHaveAttribute("data-flow", "setup");
    await expect(wizard.check("node-count")).toHaveAttribute("data-state", "ok");
    await expect(wizard.check("nodes-online")).toHaveAttribute("data-state", "ok");
    await expect(wizard.check("qdevice-installed")).toHaveAttribute("data-state", "failed");
    await expect(page.getByTestId("what-if-summary")).toHaveText(
      "Losing one node now: quorum lost; after setup: quorum holds.",
    );

    await wizard.startSetup(host);
    await expect(wizard.step("run-setup")).toContainText(`pvecm qdevice setup ${host}`);
    // Nothing listens on the qnetd host yet.
    await expect(wizard.check("qnetd-reachable")).toHaveAttribute("data-state", "failed");
    await wizard.expectStep("install-qnetd", "failed");
    await expectLaterStepsOpen(wizard, "install-qnetd");
    await wizard.screenshot("lab-qdevice-wizard-start");

    // Step 1: corosync-qnetd runs on the external host.
    await lab.startQnetdHost();
    await wizard.checkReachabilityNow();
    await wizard.expectStep("install-qnetd", "ok");
    await expect(wizard.check("qnetd-reachable")).toHaveAttribute("data-state", "ok");
    await expectLaterStepsOpen(wizard, "install-qnetd");
    await wizard.markDone("install-qnetd");

    // Step 2: corosync-qdevice on one node, then on the other.
    await lab.installQdevice("pve1");
    const installed = wizard.step("install-qdevice").getByTestId("check-line");
    await expect(installed.filter({ hasText: "pve1:" })).toHaveAttribute("data-state", "ok");
    await expect(installed.filter({ hasText: "pve2:" })).toHaveAttribute("data-state", "failed");
    await wizard.expectStep("install-qdevice", "failed");
    await lab.installQdevice("pve2");
    await wizard.expectStep("install-qdevice", "ok");
    await expectLaterStepsOpen(wizard, "install-qdevice");
    await wizard.markDone("install-qdevice");

    // Step 3: Tiebreaker cannot see the qnetd host's SSH settings; the admin says so.
    await wizard.expectStep("allow-root-ssh", "pending");
    await wizard.markDone("allow-root-ssh");
    await wizard.expectStep("allow-root-ssh", "confirmed");

    // Step 4, as `pvecm qdevice setup` does it: quorum.device and a reload, then the daemons.
    await wizard.expectStep("run-setup", "pending");
    await lab.configureQdevice();
    await wizard.expectStep("run-setup", "failed");
    await expect(wizard.step("run-setup")).toContainText("corosync-qdevice does not answer");
    await lab.startQdevices();
    await wizard.expectStep("run-setup", "ok");
    await wizard.markDone("run-setup");

    // Step 5 turns green by itself once both nodes count the QDevice's vote.
    await wizard.expectStep("verify", "ok");
    for (const node of ["pve1", "pve2"])
      await expect(wizard.step("verify")).toContainText(
        `${node}: Expected votes 3, Flags Quorate Qdevice, A,V,NMW, corosync-qdevice-tool says Connected`,
      );
    await expect(page.getByTestId("what-if-summary")).toHaveText(
      "Losing one node now: quorum holds (before setup: quorum lost).",
    );
    await wizard.screenshot("lab-qdevice-wizard-verified");
    mkdirSync("docs/screenshots", { recursive: true });
    copyFileSync(
      "test-results/screenshots/lab-qdevice-wizard-verified.png",
      "docs/screenshots/qdevice-wizard.png",
    );

    // Step 6, then the run is finished and says who finished it.
    await wizard.markDone("disallow-root-ssh");
    await expect(wizard.root).toHaveAttribute("data-complete", "true");
    await page.getByRole("button", { name: "Finish" }).click();
    await expect(page.getByTestId("wizard-headline")).toContainText("Finished by lab-admin at");
    await expect(page.getByTestId("wizard-log")).toContainText("lab-admin finished the run");

    await page.goto("/?cluster=lab");
    await expect(page.getByTestId("qdevice-badge")).toHaveAttribute("data-state", "connected");
    await expect(page.getByTestId("votes-expected")).toHaveText("3");
    await wizard.screenshot("lab-qdevice-wizard-overview-after");
  });

  test("removal: pvecm qdevice remove on the lab and the wizard confirms it on every node", async ({
    page,
    request,
  }) => {
    const lab = new LabControl(request);
    const wizard = await signedInWizard(page);
    await wizard.goto("lab");
    await page.getByTestId("suggested-flow-link").click();
    await page.waitForURL(/flow=remove/);
    await expect(wizard.root).toHaveAttribute("data-flow", "remove");
    await page.getByRole("button", { name: "Start removal" }).click();
    await expect(page.getByTestId("run-started")).toBeVisible();
    await wizard.expectStep("run-remove", "pending");
    await wizard.expectStep("verify-removed", "pending");
    await expect(page.getByTestId("what-if-summary")).toHaveText(
      "Losing one node now: quorum holds; after removal: quorum lost.",
    );

    await lab.removeQdevice();
    await wizard.expectStep("run-remove", "ok");
    await wizard.expectStep("verify-removed", "ok");
    for (const node of ["pve1", "pve2"])
      await expect(wizard.step("verify-removed")).toContainText(
        `${node}: Expected votes 2, Flags Quorate, no Qdevice`,
      );
    await expect(wizard.root).toHaveAttribute("data-complete", "true");
    await page.getByRole("button", { name: "Finish" }).click();
    await expect(page.getByTestId("wizard-headline")).toContainText(
      "the QDevice is gone from every node and expected votes equal the node votes",
    );
    await wizard.screenshot("lab-qdevice-wizard-removed");
  });

  test("cutting TCP 5403 on the qnetd host fails the reachability check with a clear message", async ({
    page,
    request,
  }) => {
    const lab = new LabControl(request);
    const host = (await lab.state()).qnetdAddress;
    const wizard = await signedInWizard(page);
    await wizard.goto("lab", "setup");
    await wizard.startSetup(host);
    await expect(wizard.check("qnetd-reachable")).toHaveAttribute("data-state", "ok");

    await lab.blockQnetd();
    await wizard.checkReachabilityNow();
    const reachable = wizard.check("qnetd-reachable");
    await expect(reachable).toHaveAttribute("data-state", "failed");
    await expect(reachable).toContainText(
      `This server could not reach ${host}:5403: no answer within 2 s: the host is down, or a firewall drops TCP 5403`,
    );
    await expect(reachable).toContainText("Its firewall must let TCP 5403 in from every node");
    await wizard.expectStep("install-qnetd", "failed");
    await wizard.screenshot("lab-qdevice-wizard-port-blocked");

    await lab.unblockQnetd();
    await wizard.checkReachabilityNow();
    await expect(reachable).toHaveAttribute("data-state", "ok");
  });
});
