import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FleetSim, fleetSpecs, startFleetSim } from "@/demo/fleet-sim";
import { resolveConfig } from "@/lib/config/load";
import { ClusterCollector, type ClusterView } from "./cluster-collector";
import { fleetOf } from "./fleet-view";

const HUNG = "site-09";
let sim: FleetSim;
let collectors: ClusterCollector[];

/** Resolves once every collector's latest view satisfies `ready`. */
function until(ready: (collector: ClusterCollector, view: ClusterView) => boolean) {
  return new Promise<void>((resolve) => {
    const check = () => {
      if (collectors.every((c) => c.current() !== null && ready(c, c.current()!))) {
        for (const off of offs) off();
        resolve();
      }
    };
    const offs = collectors.map((c) => c.onUpdate(check));
    check();
  });
}

/** Every node's agent has answered, or refused for a node that is down. */
function agentsSettled(view: ClusterView): boolean {
  return view.snapshot.nodes.every((n) => n.agent.data !== null || n.agent.error !== null);
}

beforeAll(async () => {
  // Long deadlines and intervals, so that a loaded machine never times out or ages out a cluster
  // that does answer; the hung cluster waits out the whole 60 s.
  sim = await startFleetSim(fleetSpecs(20), {
    intervalMs: 10_000,
    apiTimeoutMs: 60_000,
    agentTimeoutMs: 30_000,
  });
  sim.hang(HUNG);
  const config = resolveConfig(sim.config, sim.env);
  collectors = config.clusters.map((c) => new ClusterCollector(c, config.thresholds));
  for (const c of collectors) c.start();
}, 120_000);

afterAll(async () => {
  for (const c of collectors ?? []) c.stop();
  await sim?.close();
}, 60_000);

describe("a fleet of 20 simulated clusters of 4 to 16 nodes", () => {
  it("one hung cluster delays no other: all 19 are read while its API request still waits", async () => {
    expect(sim.specs.map((s) => s.nodes)).toContain(4);
    expect(sim.specs.map((s) => s.nodes)).toContain(16);
    await until((c, view) =>
      c.config.id === HUNG
        ? true
        : view.snapshot.api.fresh && agentsSettled(view) && view.polls >= 3,
    );
    const hung = collectors.find((c) => c.config.id === HUNG)!.current();
    // Right now the hung API holds the collector's request open and has never answered one.
    expect(sim.heldRequests(HUNG)).toBeGreaterThan(0);
    expect(sim.apiRequests(HUNG)).toBe(0);
    expect(hung?.snapshot.api.data).toBeNull();
    for (const c of collectors.filter((c) => c.config.id !== HUNG))
      expect(sim.apiRequests(c.config.id)).toBeGreaterThan(0);

    const fleet = fleetOf(collectors);
    expect(fleet.clusters).toHaveLength(20);
    const row = fleet.clusters.find((r) => r.clusterId === HUNG)!;
    // A healthy cluster whose API has not answered is never shown as healthy.
    expect(sim.specs.find((s) => s.id === HUNG)!.case).toBe("healthy");
    expect(row).toMatchObject({ state: "UNKNOWN", stale: { sources: 1, oldestAgeMs: null } });
  }, 120_000);

  it("lists every cluster worst first with the state its simulated case implies", async () => {
    const expected = {
      healthy: "OK",
      "node-down": "DEGRADED",
      resync: "DEGRADED",
      "quorum-lost": "CRITICAL",
    };
    const caseOf = new Map(sim.specs.map((s) => [s.id, s.case]));
    // Each settles on its own schedule; wait until every cluster shows its case's word.
    await until(
      (c) =>
        c.config.id === HUNG ||
        fleetOf([c]).clusters[0]!.state === expected[caseOf.get(c.config.id)!],
    );
    const fleet = fleetOf(collectors);
    const ranks = fleet.clusters.map((r) =>
      ["CRITICAL", "DEGRADED", "UNKNOWN", "OK"].indexOf(r.state),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const lost = fleet.clusters[0]!;
    expect(lost).toMatchObject({
      state: "CRITICAL",
      quorate: false,
      worst: { severity: "critical" },
    });
    expect(lost.votes).toMatch(/NO QUORUM$/);
    const healthy = fleet.clusters.find((r) => r.state === "OK")!;
    expect(healthy.nodes.online).toBe(healthy.nodes.total);
    expect(healthy.votes).toMatch(/^(\d+) of \1 votes/);
  }, 120_000);
});
