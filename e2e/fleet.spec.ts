import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { fleetModelSchema, type FleetModel, type FleetRow } from "@/lib/surfaces/fleet";
import { CASE_STATE, FleetStack, STATUS_PAGE } from "./fleet-stack";
import { expectFits } from "./pages/page-checks";

const RANK = { CRITICAL: 0, DEGRADED: 1, UNKNOWN: 2, OK: 3 } as const;
const HUNG = "site-09";

const stack = new FleetStack();

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await stack.start();
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  expect(await stack.stop(), "processes left behind").toEqual([]);
});

/** /api/fleet as the page reads it; a server that waited on a hung cluster would miss the deadline. */
async function fleet(request: APIRequestContext): Promise<FleetModel> {
  const response = await request.get(`${stack.url}/api/fleet`, { timeout: 45_000 });
  expect(response.status()).toBe(200);
  return fleetModelSchema.parse(await response.json());
}

/** What a row says about its cluster, for comparing with what its simulated case implies. */
function seen(row: FleetRow) {
  return { state: row.state, silentSources: row.stale.sources };
}

function expectedFor(clusterId: string) {
  return { state: CASE_STATE[stack.caseOf(clusterId)], silentSources: stack.downNodes(clusterId) };
}

/** The vote sentence a cluster's case implies: one vote per node, the powered-off ones missing. */
function votesOf(clusterId: string): string {
  const nodes = stack.spec(clusterId).nodes;
  const up = nodes - stack.downNodes(clusterId);
  const quorum = Math.floor(nodes / 2) + 1;
  const margin = up >= quorum ? `can lose ${up - quorum}` : "NO QUORUM";
  return `${up} of ${nodes} votes, quorum ${quorum}, ${margin}`;
}

/** Waits until every cluster shows its case's word with all its running sources answered. */
async function settled(request: APIRequestContext): Promise<FleetModel> {
  let model: FleetModel | null = null;
  const expected = Object.fromEntries(stack.specs.map((s) => [s.id, expectedFor(s.id)]));
  await expect
    .poll(
      async () => {
        model = await fleet(request);
        return Object.fromEntries(model.clusters.map((r) => [r.clusterId, seen(r)]));
      },
      { timeout: 90_000 },
    )
    .toEqual(expected);
  return model!;
}

test.describe("a fleet of 20 simulated clusters of 4 to 16 nodes on one server", () => {
  test("/fleet lists every cluster worst first with its state word, votes and worst finding, each linking to its overview", async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    const nodes = stack.specs.map((s) => s.nodes);
    expect(Math.min(...nodes)).toBe(4);
    expect(Math.max(...nodes)).toBe(16);
    await settled(request);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${stack.url}/fleet`);
    const rows = page.getByTestId("fleet-row");
    // The page refreshes itself; on a busy machine a late answer can leave a cluster unknown for a
    // while, so wait until every row shows its case's word.
    await expect
      .poll(
        async () =>
          (
            await rows.evaluateAll((els) =>
              els.map((el) => [el.dataset.cluster!, el.dataset.state]),
            )
          )
            .filter(([id, state]) => state !== CASE_STATE[stack.caseOf(id!)])
            .map(([id, state]) => `${id} shows ${state}`),
        { timeout: 60_000 },
      )
      .toEqual([]);
    await expect(rows).toHaveCount(20);
    const ids = await rows.evaluateAll((els) => els.map((el) => el.dataset.cluster!));
    const cases = ids.map((id) => stack.caseOf(id));
    // Quorum lost first, healthy last; clusters alike in state and findings in name order.
    const ranks = cases.map((c) => RANK[CASE_STATE[c]]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(cases.slice(0, 4)).toEqual(Array<string>(4).fill("quorum-lost"));
    expect(ids.slice(-8)).toEqual(stack.specs.filter((s) => s.case === "healthy").map((s) => s.id));

    for (const [i, id] of ids.entries()) {
      const row = rows.nth(i);
      const spec = stack.spec(id);
      const state = CASE_STATE[spec.case];
      await expect(row).toHaveAttribute("data-state", state);
      await expect(row.getByTestId("fleet-state")).toContainText(state);
      await expect(row.getByTestId("fleet-votes")).toHaveText(votesOf(id));
      // The worst finding says what each case is about.
      await expect(row.getByTestId("fleet-worst")).toContainText(
        {
          "quorum-lost": "The cluster has lost quorum",
          "node-down": `pve${String(spec.nodes).padStart(2, "0")} is offline`,
          resync: "has a degraded replica",
          healthy: "no findings",
        }[spec.case],
      );
      await expect(row.getByRole("link")).toHaveAttribute("href", `/?cluster=${id}`);
    }
    const counts = page.getByTestId("fleet-counts");
    for (const [state, count] of Object.entries({ CRITICAL: 4, DEGRADED: 8, UNKNOWN: 0, OK: 8 }))
      await expect(counts.locator(`[data-state="${state}"]`)).toContainText(`${count} ${state}`);

    await expectFits(page, "/fleet at 1440x900");
    mkdirSync("docs/screenshots", { recursive: true });
    await page.screenshot({ path: "docs/screenshots/fleet.png", fullPage: true });

    // A row's link opens that cluster's overview, which tells the same state word.
    const first = stack.spec(ids[0]!);
    await rows.first().getByRole("link").click();
    // The overview of a 16-node cluster renders on the server first: slow on a busy machine.
    const opening = { timeout: 60_000 };
    await expect(page).toHaveURL(`${stack.url}/?cluster=${first.id}`, opening);
    await expect(page.getByTestId("overview")).toBeVisible(opening);
    await expect(page).toHaveTitle(`CRITICAL · Site ${Number(first.id.slice(5))} · Tiebreaker`);
  });

  test("the wall and the status page each show a list of clusters", async ({ page, request }) => {
    test.setTimeout(120_000);
    await settled(request);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${stack.url}/wall?cluster=site-05&cluster=site-02`);
    const panels = page.getByTestId("wall-panel");
    await expect(panels).toHaveCount(2);
    for (const [i, id] of ["site-05", "site-02"].entries()) {
      const panel = panels.nth(i);
      await expect(panel).toHaveAttribute("data-cluster", id);
      await expect(panel.getByTestId("wall-state-word")).toHaveText(CASE_STATE[stack.caseOf(id)]);
      await expect(panel.getByTestId("wall-node")).toHaveCount(stack.spec(id).nodes);
    }

    // One configured page over two clusters: /status shows it, a group per cluster.
    const [healthy, lost] = STATUS_PAGE.clusters.map((id) => stack.spec(id));
    expect([healthy!.case, lost!.case]).toEqual(["healthy", "quorum-lost"]);
    await page.goto(`${stack.url}/status`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(STATUS_PAGE.title);
    const groups = page.getByTestId("status-group");
    await expect(groups).toHaveCount(2);
    for (const [i, name, word] of [
      [0, "Site 1", "Operational"],
      [1, "Site 5", "Outage"],
    ] as const) {
      // The group's own heading comes before its components' headings.
      const heading = groups.nth(i).getByRole("heading").first();
      await expect(heading).toContainText(name);
      await expect(heading).toContainText(word);
    }
    await expect(page.getByTestId("status-word")).toHaveText("Outage");
    // Only the listed clusters: no other site of the fleet is on the page.
    await expect(page.getByTestId("status-page")).not.toContainText(/Site (?![15]\b)\d+/);

    const summary = (await (
      await request.get(`${stack.url}/api/v2/summary.json?page=${STATUS_PAGE.id}`)
    ).json()) as { components: { name: string; group: boolean }[] };
    expect(summary.components.filter((c) => c.group).map((c) => c.name)).toEqual([
      "Site 1",
      "Site 5",
    ]);
  });

  test("one hung cluster delays no other: /fleet answers while its API holds a request, the others stay fresh and it turns UNKNOWN with its age and why", async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    await settled(request);
    expect(stack.caseOf(HUNG)).toBe("healthy");
    const hungAt = Date.now();
    await stack.hang(HUNG);

    // The hung cluster's last good answer ages past three intervals; every other cluster keeps its
    // word with all its running sources answered, in views built after the hang began.
    const expected = Object.fromEntries(
      stack.specs.map((s) => [
        s.id,
        s.id === HUNG
          ? {
              state: "UNKNOWN",
              silentSources: 1,
              aged: true,
              why: "Proxmox API data is out of date",
            }
          : { ...expectedFor(s.id), aged: false },
      ]),
    );
    await expect
      .poll(
        async () => {
          const model = await fleet(request);
          return Object.fromEntries(
            model.clusters.map((r) => [
              r.clusterId,
              r.clusterId === HUNG
                ? { ...seen(r), aged: r.stale.oldestAgeMs !== null, why: r.worst?.title }
                : { ...seen(r), aged: Date.parse(r.takenAt ?? "") <= hungAt },
            ]),
          );
        },
        { timeout: 90_000 },
      )
      .toEqual(expected);
    // Its API has held a request open all along: nothing above waited for it.
    expect(await stack.heldRequests(HUNG)).toBeGreaterThan(0);

    const started = Date.now();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${stack.url}/fleet`);
    const row = page.locator(`[data-testid="fleet-row"][data-cluster="${HUNG}"]`);
    await expect(row).toHaveAttribute("data-state", "UNKNOWN");
    test.info().annotations.push({
      type: "fleet page with one cluster hung",
      description: `${Date.now() - started} ms to show the hung cluster's row`,
    });
    await expect(row).toContainText(/1 source without a fresh answer \(\d+ (s|min)\)/);
    await expect(row.getByTestId("fleet-worst")).toContainText("Proxmox API data is out of date");
    // Known problems stay on top; the hung cluster sits above every healthy one.
    const runs = (word: string, count: number) => Array<string>(count).fill(word);
    await expect
      .poll(
        () => page.getByTestId("fleet-row").evaluateAll((els) => els.map((el) => el.dataset.state)),
        { timeout: 60_000 },
      )
      .toEqual([...runs("CRITICAL", 4), ...runs("DEGRADED", 8), "UNKNOWN", ...runs("OK", 7)]);
    expect(await stack.heldRequests(HUNG)).toBeGreaterThan(0);
  });
});
