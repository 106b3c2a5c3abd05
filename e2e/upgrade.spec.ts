import { copyFileSync, mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { UpgradePage } from "./pages/upgrade-page";

function keep(path: string, name: string): void {
  mkdirSync("docs/screenshots", { recursive: true });
  copyFileSync(path, `docs/screenshots/${name}`);
}

test.describe("safe to reboot now? on the simulated cluster", () => {
  test("the overview answers yes for every node of a healthy cluster", async ({ page }) => {
    const upgrade = new UpgradePage(page);
    await upgrade.useScenario("healthy-3-node");
    await upgrade.openOverview("healthy-3-node");
    for (const node of ["pve1", "pve2", "pve3"])
      await expect(upgrade.answer(node)).toHaveAttribute("data-answer", "yes");
    await expect(upgrade.answer("pve2").getByTestId("reboot-answer")).toHaveText(/Yes/);
  });

  test("the overview answers no with its reason when a reboot loses quorum", async ({ page }) => {
    const upgrade = new UpgradePage(page);
    await upgrade.useScenario("two-node-no-qdevice");
    await upgrade.openOverview("two-node-no-qdevice");
    const pve2 = upgrade.answer("pve2");
    await expect(pve2).toHaveAttribute("data-answer", "no");
    await expect(pve2.getByTestId("reboot-headline")).toHaveText(
      /Rebooting pve2 loses quorum \(1 of 2 votes, 2 needed\)/,
    );
    await pve2.locator("summary").click();
    await expect(pve2.locator('[data-check="quorum"]')).toHaveAttribute("data-level", "no");
    await expect(pve2.locator('[data-check="sources"]')).toHaveAttribute("data-level", "ok");
    keep(await upgrade.screenshot("reboot-readiness-no"), "reboot-readiness.png");
  });

  test("the overview answers unknown, naming the missing source, when an agent does not answer", async ({
    page,
  }) => {
    const upgrade = new UpgradePage(page);
    await upgrade.useScenario("agent-unreachable");
    await upgrade.openOverview("agent-unreachable");
    const unreachable = upgrade.answer("pve2");
    await expect(unreachable).toHaveAttribute("data-answer", "unknown");
    await expect(unreachable.getByTestId("reboot-headline")).toHaveText(
      /pve2's agent has not answered yet/,
    );
    await expect(upgrade.answer("pve1")).toHaveAttribute("data-answer", "unknown");
    await expect(upgrade.answer("pve1").getByTestId("reboot-headline")).toHaveText(
      /pve2's agent gives no fresh report/,
    );
  });

  test("the rolling upgrade waits for the previous node to be back, then offers the next", async ({
    page,
  }) => {
    const upgrade = new UpgradePage(page);
    await upgrade.useScenario("rolling-upgrade-node-coming-back-timeline");
    await upgrade.open();
    await expect(upgrade.step("pve1")).toHaveAttribute("data-state", "done");
    await expect(upgrade.step("pve2")).toHaveAttribute("data-state", "blocked");
    await expect(upgrade.step("pve2").getByTestId("upgrade-reason")).toHaveText(
      /pve1 is still coming back \(up \d+ (s|min); a node counts as back after 5 min\)/,
    );
    await expect(upgrade.sentence).toHaveAttribute("data-offered", "");
    await expect(upgrade.step("pve2")).toContainText("runs 6.8.12-4-pve, boots 6.8.12-5-pve next");

    // The timeline's next step: pve1 has been up long enough. The page follows without a reload.
    await expect(upgrade.step("pve2")).toHaveAttribute("data-state", "now", { timeout: 45_000 });
    await expect(upgrade.step("pve3")).toHaveAttribute("data-state", "after-previous");
    await expect(upgrade.sentence).toHaveAttribute("data-offered", "pve2");
    await expect(upgrade.sentence).toHaveText(/^pve2 can be rebooted now/);
    keep(await upgrade.screenshot("rolling-upgrade"), "rolling-upgrade.png");
  });
});
