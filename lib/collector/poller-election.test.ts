import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FleetSim, fleetSpecs, startFleetSim } from "@/demo/fleet-sim";
import { resolveConfig } from "@/lib/config/load";
import { PgSyncSession } from "@/lib/history/pg-sync";
import { startTestPostgres, type TestPostgres } from "@/lib/history/pg-test-server";
import { ClusterCollector } from "./cluster-collector";
import { decodeState, encodeState, PollerElection } from "./poller-election";

// Long enough that a loaded machine keeps every source fresh (stale after three intervals).
const INTERVAL_MS = 5_000;
let pg: TestPostgres;
/** The same simulated cluster twice, so each instance's upstream requests can be counted apart. */
const sims: FleetSim[] = [];
const elections: PollerElection[] = [];

function instance(sim: FleetSim, name: string) {
  const config = resolveConfig(sim.config, sim.env);
  const collector = new ClusterCollector(config.clusters[0]!, config.thresholds);
  const election = new PollerElection(pg.url, [collector], name, {
    log: () => {},
    error: () => {},
  });
  elections.push(election);
  return { collector, election };
}

/** Resolves once `ready()` holds, checked on each of the collector's views. */
function until(collector: ClusterCollector, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const off = collector.onUpdate(() => {
      if (!ready()) return;
      off();
      resolve();
    });
  });
}

beforeAll(async () => {
  pg = await startTestPostgres();
  const spec = fleetSpecs(5).slice(1, 2); // site-02: 7 nodes, one down, so the view has findings
  for (let i = 0; i < 2; i++) sims.push(await startFleetSim(spec, { intervalMs: INTERVAL_MS }));
}, 120_000);

afterAll(async () => {
  for (const e of elections) await e.stop();
  for (const s of sims) await s.close();
  await pg?.stop();
}, 60_000);

describe("two dashboard instances sharing one PostgreSQL", () => {
  it("keeps Maps when the collected state travels through the database", () => {
    const state = decodeState(
      encodeState({ agents: new Map([["pve1", { data: null }]]) } as never),
    );
    expect(state.agents).toBeInstanceOf(Map);
    expect([...state.agents.keys()]).toEqual(["pve1"]);
  });

  it("elect one poller per cluster; the other serves the shared state; killing the poller's session hands polling over within two intervals", async () => {
    const a = instance(sims[0]!, "instance-a");
    a.election.start();
    await until(
      a.collector,
      () => a.election.isPolling("site-02") && a.collector.current() !== null,
    );

    const b = instance(sims[1]!, "instance-b");
    b.election.start();
    // B builds its view from what A wrote, without asking its own upstream anything.
    await until(b.collector, () => (b.collector.current()?.snapshot.api.data ?? null) !== null);
    expect(b.election.isPolling("site-02")).toBe(false);
    expect(sims[1]!.apiRequests("site-02")).toBe(0);
    const [viewA, viewB] = [a.collector.current()!, b.collector.current()!];
    expect(viewB.summary).toEqual(viewA.summary);
    expect(viewB.findings.map((f) => f.rule)).toContain("node.offline");
    expect(viewB.findings.map((f) => `${f.rule} ${f.subject}`).sort()).toEqual(
      viewA.findings.map((f) => `${f.rule} ${f.subject}`).sort(),
    );

    // The poller dies: its session is cut from the server's side, as when its process is killed,
    // and it never comes back; PostgreSQL releases its lock.
    const admin = new PgSyncSession(pg.url);
    const triesAtKill = b.election.attempts("site-02");
    const killedAt = Date.now();
    const { rows } = admin.query(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1",
      ["tiebreaker poller instance-a"],
    );
    admin.close();
    expect(rows).toEqual([{ killed: true }]);
    await a.election.stop();
    await until(b.collector, () => b.election.isPolling("site-02"));
    const handoverMs = Date.now() - killedAt;
    // B tries the lock once per interval: it took over at its first or second try after the kill.
    expect(b.election.attempts("site-02") - triesAtKill).toBeLessThanOrEqual(2);
    expect(handoverMs).toBeGreaterThan(0);
    // B now asks its own upstream.
    await until(b.collector, () => sims[1]!.apiRequests("site-02") > 0);
  }, 120_000);
});
