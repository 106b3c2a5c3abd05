import { expect, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";

const NAME = "Demo cluster (simulated)";

test.describe("the overview for an admin under pressure", () => {
  test("a critical finding opens with its commands to copy; the tab title names the worst state and follows it live", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("drbd9-split-brain");
    await expect(page).toHaveTitle(`CRITICAL · ${NAME} · Tiebreaker`);
    const banner = dashboard.banner("drbd.split-brain");
    await expect(banner.getByTestId("finding-summary")).toHaveText(
      /^pve2 \(Secondary\) is StandAlone towards pve1;/,
    );
    await expect(banner.locator('details[data-section="What to do"]')).toHaveAttribute("open", "");
    const commands = banner.getByTestId("remedy-command");
    await expect(commands).toHaveCount(5);
    await expect(commands.first().locator("code")).toHaveText("drbdadm disconnect vm-104-disk-1");
    await commands.nth(2).getByTestId("copy-button").click();
    await expect(commands.nth(2).getByTestId("copy-button")).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "drbdadm connect --discard-my-data vm-104-disk-1",
    );
    await expect(
      page.locator('[data-testid="finding-group"][data-severity="critical"] h3'),
    ).toHaveText(/1 critical finding/);

    // The cluster recovers into a warning while the page stays open: the title follows.
    await page.evaluate(() => document.body.setAttribute("data-kept", "yes"));
    const response = await page.request.post("/api/demo", {
      data: { scenario: "two-node-no-qdevice" },
    });
    expect(response.ok()).toBe(true);
    await expect(page).toHaveTitle(`DEGRADED · ${NAME} · Tiebreaker`);
    await expect(page.locator("body")).toHaveAttribute("data-kept", "yes");

    // A warning shows its title and summary; what was seen and what to do open on demand.
    const warning = dashboard.banner("quorum.two-node-no-qdevice");
    const todo = warning.locator('details[data-section="What to do"]');
    await expect(todo).not.toHaveAttribute("open");
    await expect(warning.getByTestId("finding-link")).toBeHidden();
    await todo.locator("summary").click();
    await expect(warning.getByTestId("finding-link")).toBeVisible();
  });

  test("the header draws every voter, the quorum line and the margin, as the wall and the wizard do", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("two-node-qdevice-node-down");
    const bar = page.getByTestId("cluster-header").getByTestId("vote-bar");
    const segments = bar.getByTestId("vote-segment");
    await expect(segments).toHaveCount(3);
    const shown = await segments.evaluateAll((els) =>
      els.map((el) => `${el.getAttribute("data-voter")}:${el.getAttribute("data-voting")}`),
    );
    expect(shown).toEqual(["pve1:true", "QDevice:true", "pve2:false"]);
    await expect(segments.nth(2)).toHaveText("✕ pve2");
    await expect(bar.getByTestId("quorum-line")).toBeVisible();
    await expect(bar.getByTestId("vote-sentence")).toHaveText("2 of 3 votes, quorum 2, can lose 0");

    await page.goto("/setup/qdevice?flow=remove");
    const wizard = page.getByTestId("wizard-votes");
    await expect(wizard.getByTestId("vote-segment")).toHaveCount(3);
    await expect(wizard.getByTestId("vote-sentence")).toHaveText(
      "2 of 3 votes, quorum 2, can lose 0",
    );
  });

  test("the last 24 hours mark a change, and the keyboard opens what changed", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("healthy-3-node");
    await expect(page).toHaveTitle(`OK · ${NAME} · Tiebreaker`);
    // Before the demo started nothing was recorded: that stretch is unknown, never OK.
    await expect(page.getByTestId("timeline-span").first()).toHaveAttribute(
      "data-recorded",
      "false",
    );
    await expect(page.getByTestId("timeline-span").first()).toHaveAttribute(
      "data-state",
      "UNKNOWN",
    );

    const response = await page.request.post("/api/demo", {
      data: { scenario: "drbd9-split-brain" },
    });
    expect(response.ok()).toBe(true);
    await expect(page).toHaveTitle(`CRITICAL · ${NAME} · Tiebreaker`);
    await expect(
      page.locator('[data-testid="timeline-span"][data-state="CRITICAL"]').last(),
    ).toBeAttached();
    // The views after a switch arrive part by part: pick the change that brought the split brain.
    const change = page
      .getByTestId("timeline-change")
      .filter({ hasText: /Replicated storage \(DRBD\): [^→]+→ Outage/ })
      .last();
    await change.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(change.getByTestId("timeline-change-panel")).toBeVisible();
    await expect(change.getByTestId("timeline-change-panel")).toContainText(
      /→ CRITICAL.*Replicated storage \(DRBD\)/,
    );
    await expect(page.getByTestId("timeline-totals")).toContainText("CRITICAL");
  });
});
