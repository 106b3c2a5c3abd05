import { copyFileSync, mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { WallPage } from "./pages/wall-page";
import { WhatIfPage } from "./pages/what-if-page";

test.describe("if this fails, on the simulated cluster", () => {
  test("two nodes + QDevice: every voter alone keeps quorum, and the line says not two", async ({
    page,
  }) => {
    const whatIf = new WhatIfPage(page);
    await whatIf.useScenario("two-node-qdevice-connected");
    await whatIf.openOverview("two-node-qdevice-connected");
    await expect(whatIf.card).toBeVisible();
    for (const target of ["pve1", "pve2", "qdevice"]) {
      await expect(whatIf.whatIfAnswer(target)).toHaveAttribute("data-quorum", "holds");
      await expect(whatIf.whatIfAnswer(target)).toContainText("2 of 3 votes, quorum 2");
    }
    await expect(whatIf.card.getByTestId("what-if-can-lose")).toHaveText(
      "can lose: any one of pve1, pve2 or the QDevice, not two",
    );
  });

  test("HA cluster with a node cut off: losing another node loses quorum and says who fences", async ({
    page,
  }) => {
    const whatIf = new WhatIfPage(page);
    await whatIf.useScenario("ha-fencing-risk-node-cut-off");
    await whatIf.openOverview("ha-fencing-risk-node-cut-off");
    const pve1 = whatIf.whatIfAnswer("pve1");
    await expect(pve1).toHaveAttribute("data-quorum", "lost");
    await expect(pve1).toContainText("quorum is lost");
    await expect(pve1).toContainText(
      "pve2 is left without quorum with 1 HA guest (vm:101): it fences itself after about 60 s.",
    );
    mkdirSync("docs/screenshots", { recursive: true });
    copyFileSync(await whatIf.screenshotCard("what-if"), "docs/screenshots/what-if.png");
  });

  test("the wall shows what the cluster can lose", async ({ page }) => {
    const wall = new WallPage(page);
    await wall.pair();
    await wall.useScenario("two-node-no-qdevice", "DEGRADED");
    await wall.open();
    await expect(page.getByTestId("wall-can-lose")).toHaveText("can lose: nothing");
    await wall.useScenario("two-node-qdevice-connected", "OK");
    await expect(page.getByTestId("wall-can-lose")).toHaveText(
      "can lose: any one of pve1, pve2 or the QDevice, not two",
    );
  });
});
