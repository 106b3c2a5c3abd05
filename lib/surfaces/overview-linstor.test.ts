import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { linstorModel, linstorModelSchema } from "./overview-linstor";
import { evaluated } from "./test-helpers";

describe("LINSTOR overview model", () => {
  it("shows each satellite online or offline and where each resource is placed", async () => {
    const model = linstorModel((await evaluated("linstor-satellite-offline")).snapshot);
    expect(linstorModelSchema.parse(model)).toEqual(model);
    expect(model?.controller).toBe("10.10.10.4");
    expect(model?.satellites.map((s) => [s.name, s.status, s.online, s.tone])).toEqual([
      ["pve1", "ONLINE", true, "ok"],
      ["pve2", "ONLINE", true, "ok"],
      ["pve3", "OFFLINE", false, "crit"],
    ]);
    expect(model?.satellitesOnline).toBe(2);
    const vm100 = model?.resources?.find((r) => r.name === "vm-100-disk-1");
    expect(vm100?.diskful).toBe(3);
    expect(vm100?.placements.map((p) => [p.node, p.diskState, p.inUse])).toEqual([
      ["pve1", "UpToDate", false],
      ["pve2", "UpToDate", true],
      ["pve3", null, null],
    ]);
    // pve1's copy is UpToDate but cannot reach pve3: not a healthy placement.
    expect(vm100?.placements[0]).toMatchObject({
      tone: "warn",
      notConnected: [{ peer: "pve3", state: "Connecting" }],
    });
    expect(vm100?.placements[2]?.tone).toBe("unknown");
    expect(model?.disklessClients).toEqual([]);
  });

  it("a StandAlone copy that LINSTOR calls UpToDate is critical, not fine", async () => {
    const model = linstorModel((await evaluated("linstor-split-brain-reported-uptodate")).snapshot);
    const placements = model?.resources?.[0]?.placements ?? [];
    expect(placements.map((p) => [p.node, p.diskState, p.tone])).toEqual([
      ["pve1", "UpToDate", "crit"],
      ["pve2", "UpToDate", "crit"],
    ]);
  });

  it("lists a diskless client after the diskful copies", async () => {
    const view = await evaluated("linstor-split-brain-reported-uptodate");
    const data = view.snapshot.linstor!.data!;
    const snapshot = {
      linstor: {
        ...view.snapshot.linstor!,
        data: {
          ...data,
          resources: [
            ...data.resources!,
            {
              name: "vm-104-disk-1",
              node: "pve3",
              placement: "diskless" as const,
              inUse: false,
              diskStates: ["Diskless"],
              storagePool: "DfltDisklessStorPool",
              connections: [{ peer: "pve1", connected: true, message: "Connected" }],
            },
          ],
        },
      },
    };
    const model = linstorModel(snapshot);
    expect(model?.resources?.[0]?.placements.map((p) => [p.node, p.placement, p.tone])).toEqual([
      ["pve1", "diskful", "crit"],
      ["pve2", "diskful", "crit"],
      ["pve3", "diskless", "ok"],
    ]);
    expect(model?.disklessClients).toEqual([{ resource: "vm-104-disk-1", node: "pve3" }]);
  });

  it("a controller that does not answer: no satellites or placement claimed, and why", async () => {
    const model = linstorModel((await evaluated("linstor-controller-unreachable")).snapshot);
    expect(model).toMatchObject({
      controller: null,
      satellites: [],
      satellitesOnline: null,
      resources: null,
      disklessClients: null,
      freshness: { fresh: false, error: { kind: "timeout" } },
    });
  });

  it("stale data keeps the satellites' names with unknown status", async () => {
    const view = await evaluated("linstor-satellite-offline", (s) => ({
      ...s,
      nowMs: s.nowMs + 3 * SCENARIO_INTERVAL_MS + 1,
    }));
    const model = linstorModel(view.snapshot);
    expect(model?.satellites.map((s) => [s.name, s.status, s.tone])).toEqual([
      ["pve1", null, "unknown"],
      ["pve2", null, "unknown"],
      ["pve3", null, "unknown"],
    ]);
    expect(model?.resources).toBeNull();
    expect(model?.freshness.fresh).toBe(false);
  });

  it("no LINSTOR controller → no model", async () => {
    expect(linstorModel((await evaluated("healthy-3-node")).snapshot)).toBeNull();
  });
});
