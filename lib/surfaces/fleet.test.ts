import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { fleetModelSchema, toFleetModel } from "./fleet";
import { evaluated } from "./test-helpers";

describe("fleet model", () => {
  it("lists every cluster worst first, each with its state word, votes and worst finding", async () => {
    const model = toFleetModel([
      { clusterId: "home", name: "Home", view: await evaluated("healthy-3-node") },
      { clusterId: "lab", name: null, view: await evaluated("two-node-no-qdevice") },
      { clusterId: "dc1", name: "DC 1", view: await evaluated("drbd9-split-brain") },
      { clusterId: "edge", name: "Edge", view: await evaluated("api-unreachable") },
      { clusterId: "new", name: "New", view: null },
    ]);
    expect(fleetModelSchema.parse(model)).toEqual(model);
    expect(model.clusters.map((c) => [c.clusterId, c.state])).toEqual([
      ["dc1", "CRITICAL"],
      ["lab", "DEGRADED"],
      ["edge", "UNKNOWN"],
      ["new", "UNKNOWN"],
      ["home", "OK"],
    ]);
    expect(model.states).toEqual({ OK: 1, DEGRADED: 1, CRITICAL: 1, UNKNOWN: 2 });

    const [dc1, lab, edge, fresh, home] = model.clusters;
    expect(dc1!.worst?.severity).toBe("critical");
    expect(dc1!.worst?.subject).toMatch(/^drbd:/);
    expect(lab!.worst).toMatchObject({
      severity: "warning",
      title: "The cluster cannot lose one more vote and stay quorate",
    });
    expect(lab!.votes).toMatch(/^2 of 2 votes, quorum 2/);
    expect(edge!.worst).toMatchObject({ severity: "unknown" });
    // A cluster that never answered is unknown and says why, never OK.
    expect(fresh).toMatchObject({
      votes: "no answer yet",
      worst: null,
      takenAt: null,
      note: "waiting for the first answer from this cluster",
    });
    expect(home).toMatchObject({
      name: "Home",
      votes: "3 of 3 votes, quorum 2, can lose 1",
      nodes: { total: 3, online: 3 },
      worst: null,
    });
  });

  it("orders clusters of the same state by name as numbers count: Site 9 before Site 10", async () => {
    const view = await evaluated("healthy-3-node");
    const model = toFleetModel(
      ["Site 10", "Site 9", "Site 1"].map((name) => ({ clusterId: name, name, view })),
    );
    expect(model.clusters.map((c) => c.name)).toEqual(["Site 1", "Site 9", "Site 10"]);
  });

  it("turns a healthy cluster that stopped answering into UNKNOWN with the age of its data", async () => {
    const model = toFleetModel([
      {
        clusterId: "home",
        name: null,
        view: await evaluated("healthy-3-node", (s) => ({
          ...s,
          nowMs: s.nowMs + 3 * SCENARIO_INTERVAL_MS + 1,
        })),
      },
    ]);
    expect(model.clusters[0]).toMatchObject({
      state: "UNKNOWN",
      stale: { sources: 4, oldestAgeMs: 3 * SCENARIO_INTERVAL_MS + 1 },
    });
  });
});
