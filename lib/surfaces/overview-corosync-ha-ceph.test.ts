import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { toOverviewModel } from "./overview";
import { evaluated } from "./test-helpers";

const model = async (name: string, laterMs = 0) =>
  toOverviewModel(
    await evaluated(name, (state) => ({ ...state, nowMs: state.nowMs + laterMs })),
    null,
  );
const stale = SCENARIO_INTERVAL_MS * 3 + 1;

describe("overview: node × corosync link matrix", () => {
  it("pve2's link 1 cut → pve2's link 1 cell is down to both peers, pve1's and pve3's to pve2, link 0 all up", async () => {
    const { links } = await model("corosync-link-down-one-node");
    expect(links?.linkIds).toEqual([0, 1]);
    const summary = links!.rows.map((r) => [
      r.node,
      r.cells.map((c) => `${c.peersUp}/${c.peersKnown} ${c.tone}`),
    ]);
    expect(summary).toEqual([
      ["pve1", ["2/2 ok", "1/2 warn"]],
      ["pve2", ["2/2 ok", "0/2 warn"]],
      ["pve3", ["2/2 ok", "1/2 warn"]],
    ]);
    const cell = links!.rows[0]!.cells[1]!;
    expect(cell.peers.find((p) => p.peer === "pve2")).toMatchObject({
      connected: false,
      status: "disconnected",
      downCount: 2,
    });
    expect(links!.rows[0]!.freshness.fresh).toBe(true);
  });

  it("carries the slowest peer's average and maximum latency and grades it against the threshold", async () => {
    const { links } = await model("corosync-link-latency-high");
    const pve1Link1 = links!.rows[0]!.cells[1]!;
    expect(pve1Link1).toMatchObject({ latencyAveUs: 23412, latencyMaxUs: 45087, tone: "warn" });
    expect(links!.rows[0]!.cells[0]!.tone).toBe("ok");
    expect(links!.latencyThresholdMs).toBe(10);
  });

  it("a single-link cluster has one column", async () => {
    const { links } = await model("corosync-single-link");
    expect(links?.linkIds).toEqual([0]);
    expect(links!.rows.every((r) => r.cells[0]!.tone === "ok")).toBe(true);
  });

  it("turns every cell unknown, with its age, once the reports are stale", async () => {
    const { links } = await model("corosync-two-links-healthy", stale);
    expect(links!.rows.every((r) => !r.freshness.fresh && r.freshness.ageMs === stale)).toBe(true);
    expect(links!.rows.flatMap((r) => r.cells).every((c) => c.tone === "unknown")).toBe(true);
  });

  it("is absent where no agent reports links", async () => {
    expect((await model("healthy-3-node")).links).toBeNull();
  });
});

describe("overview: HA manager", () => {
  it("shows the CRM master, each LRM and the HA guests per node; pve3 in maintenance with vm:102 leaving", async () => {
    const { ha } = await model("ha-maintenance-draining");
    expect(ha).toMatchObject({ master: "pve1", masterStatus: "active" });
    expect(
      ha!.nodes.map((n) => [n.node, n.lrm, n.lrmTone, n.maintenance, n.guests.map((g) => g.sid)]),
    ).toEqual([
      ["pve1", "active", "ok", false, ["vm:100"]],
      ["pve2", "active", "ok", false, ["vm:101"]],
      ["pve3", "maintenance mode", "info", true, ["vm:102"]],
    ]);
    expect(ha!.nodes[2]!.guests[0]).toEqual({ sid: "vm:102", state: "migrate", target: "pve1" });
  });

  it("the cut-off node keeps its HA guest as active, and the CRM calls it unknown", async () => {
    const { ha } = await model("ha-fencing-risk-node-cut-off");
    expect(ha!.nodes.find((n) => n.node === "pve3")).toMatchObject({
      crmState: "unknown",
      activeGuests: 1,
    });
  });

  it("keeps the HA card with unknown values while the API is stale", async () => {
    const { ha } = await model("ha-maintenance-complete", stale);
    expect(ha).toMatchObject({ master: null, nodes: [], freshness: { fresh: false } });
  });

  it("is absent for a cluster without HA resources", async () => {
    expect((await model("healthy-3-node")).ha).toBeNull();
  });
});

describe("overview: Ceph", () => {
  it("shows health with its checks, monitors in quorum and OSDs up/in", async () => {
    const { ceph } = await model("ceph-mon-out-of-quorum");
    expect(ceph).toMatchObject({
      health: "HEALTH_WARN",
      tone: "warn",
      monsInQuorum: 2,
      osds: { total: 21, up: 21, in: 21 },
    });
    expect(ceph!.monitors).toEqual([
      { name: "pve1", inQuorum: true },
      { name: "pve3", inQuorum: false },
      { name: "pve2", inQuorum: true },
    ]);
    expect(ceph!.checks.map((c) => [c.name, c.tone])).toEqual([["MON_DOWN", "warn"]]);
  });

  it("HEALTH_ERR is critical", async () => {
    expect((await model("ceph-health-err-osd-full")).ceph?.tone).toBe("crit");
  });

  it("turns unknown with its age once the API is stale", async () => {
    const { ceph } = await model("ceph-healthy", stale);
    expect(ceph).toMatchObject({ health: null, tone: "unknown", freshness: { fresh: false } });
  });

  it("is absent for a cluster without Ceph", async () => {
    expect((await model("healthy-3-node")).ceph).toBeNull();
  });
});
