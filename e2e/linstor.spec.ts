import { copyFileSync, mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";

test.describe("LINSTOR on the overview", () => {
  test("a satellite offline: the card shows satellites, placement, and the finding fires", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("linstor-satellite-offline");
    const card = page.getByTestId("linstor-status");
    const satellite = (node: string) =>
      card.locator(`[data-testid="linstor-satellite"][data-node="${node}"]`);
    await expect(satellite("pve3")).toHaveText("pve3 OFFLINE");
    await expect(satellite("pve1")).toHaveText("pve1 ONLINE");
    await expect(card.getByTestId("linstor-satellites-online")).toHaveText(
      "satellites online: 2 of 3",
    );
    const vm100 = card.locator('[data-testid="linstor-resource"][data-resource="vm-100-disk-1"]');
    await expect(vm100.locator('[data-testid="linstor-placement"]')).toHaveCount(3);
    await expect(vm100.locator('[data-node="pve2"]')).toContainText("pve2: disk UpToDate (in use)");
    await expect(dashboard.banner("linstor.node-offline", "linstor:pve3")).toContainText(
      "LINSTOR satellite pve3 is OFFLINE",
    );
    await dashboard.screenshot("linstor-satellite-offline");
    // The card on its own for the docs.
    const path = "test-results/screenshots/linstor-card.png";
    await card.screenshot({ path });
    mkdirSync("docs/screenshots", { recursive: true });
    copyFileSync(path, "docs/screenshots/linstor.png");
  });

  test("a controller that does not answer: critical finding, satellites and placement unknown", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("linstor-controller-unreachable");
    await expect(dashboard.banner("linstor.controller-unreachable")).toHaveAttribute(
      "data-severity",
      "critical",
    );
    const card = page.getByTestId("linstor-status");
    await expect(card.getByTestId("linstor-satellites-online")).toHaveText(
      "satellites online: unknown",
    );
    await expect(card.getByTestId("linstor-resources-unknown")).toBeVisible();
    await expect(card.locator('[data-slot="freshness"]')).toHaveAttribute("data-fresh", "false");
  });

  test("a scenario without linstor/ files asks no controller, even with one in storage.cfg", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("linstor-redundancy-3-satellite-down");
    await expect(dashboard.banner("drbd.redundancy-low").first()).toBeVisible();
    await expect(page.getByTestId("linstor-status")).toHaveCount(0);
    await expect(dashboard.banner("linstor.controller-unreachable")).toHaveCount(0);
  });
});
