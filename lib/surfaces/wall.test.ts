import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/health/evaluate";
import { mesh, drbdNode } from "@/lib/health/rules/drbd-test-helpers";
import { summarize } from "@/lib/health/summary";
import { makeSnapshot } from "@/lib/health/test-helpers";
import type { DrbdResource } from "@/lib/parsers/drbd-types";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { evaluated } from "./test-helpers";
import { toWallModel, WALL_BANNERS } from "./wall";

describe("wall model", () => {
  it.each([
    ["healthy-3-node", "OK"],
    ["two-node-no-qdevice", "DEGRADED"],
    ["two-node-qdevice-qnetd-down", "DEGRADED"],
    ["drbd9-split-brain", "CRITICAL"],
    ["two-node-no-qdevice-node-down", "CRITICAL"],
    ["api-unreachable", "UNKNOWN"],
  ])("%s → %s", async (name, state) => {
    expect(toWallModel(await evaluated(name), null).state).toBe(state);
  });

  it("never shows a stale green: the same healthy cluster after three missed intervals is UNKNOWN", async () => {
    const model = toWallModel(
      await evaluated("healthy-3-node", (s) => ({
        ...s,
        nowMs: s.nowMs + 3 * SCENARIO_INTERVAL_MS + 1,
      })),
      null,
    );
    expect(model.state).toBe("UNKNOWN");
    expect(model.stale.sources).toBe(4);
    expect(model.stale.oldestAgeMs).toBe(3 * SCENARIO_INTERVAL_MS + 1);
    expect(model.nodes.every((n) => n.word === "unknown")).toBe(true);
  });

  it("says the vote arithmetic in one line", async () => {
    const healthy = toWallModel(await evaluated("healthy-3-node"), null);
    expect(healthy.votes.sentence).toBe("3 of 3 votes, quorum 2, can lose 1");
    const down = toWallModel(await evaluated("two-node-qdevice-node-down"), null);
    expect(down.votes.sentence).toBe("2 of 3 votes, quorum 2, can lose 0");
    expect(down.qdevice.word).toBe("QDevice voting");
    expect(down.nodes.map((n) => n.word)).toEqual(["online", "offline"]);
  });

  it("summarises DRBD as counts by state and shows at most three banners", async () => {
    const model = toWallModel(await evaluated("drbd9-split-brain"), null);
    expect(model.drbd?.counts[0]).toMatchObject({ word: "critical", tone: "crit" });
    expect(model.drbd?.counts.reduce((n, c) => n + c.count, 0)).toBe(model.drbd?.total);
    expect(model.banners.length).toBeLessThanOrEqual(WALL_BANNERS);
    expect(model.banners[0]).toMatchObject({ severity: "critical", icon: "✕" });
    const resync = toWallModel(await evaluated("drbd9-resync"), null);
    expect(resync.drbd?.counts.map((c) => c.word)).toContain("syncing");
  });

  it("stays under 20 kB for 16 nodes and 200 DRBD resources", () => {
    const names = Array.from(
      { length: 16 },
      (_, i) => `pve-node-${String(i + 1).padStart(2, "0")}`,
    );
    const held = new Map<string, DrbdResource[]>(names.map((n) => [n, []]));
    for (let r = 0; r < 200; r++) {
      const a = names[r % 16] ?? "";
      const b = names[(r + 1) % 16] ?? "";
      const views = mesh(`vm-${1000 + r}-disk-0`, { [a]: { role: "Primary" }, [b]: {} });
      for (const [node, res] of Object.entries(views)) held.get(node)?.push(res);
    }
    const snapshot = makeSnapshot({ nodes: names.map((n) => drbdNode(n, held.get(n) ?? [])) });
    const model = toWallModel(
      { snapshot, summary: summarize(snapshot), findings: evaluate(snapshot) },
      null,
    );
    expect(model.nodes).toHaveLength(16);
    expect(model.drbd?.total).toBe(200);
    expect(new TextEncoder().encode(JSON.stringify(model)).length).toBeLessThan(20_000);
  });

  it("answers /api/wall in under 20 kB for the 16-node, 200-resource scenario", async () => {
    const model = toWallModel(await evaluated("linstor-16-node-200-resources"), null);
    expect(model.nodes).toHaveLength(16);
    expect(model.drbd?.total).toBe(200);
    expect(model.drbd?.counts).toEqual([
      { word: "syncing", tone: "warn", count: 3 },
      { word: "degraded", tone: "warn", count: 25 },
      { word: "in sync", tone: "ok", count: 172 },
    ]);
    expect(model.state).toBe("DEGRADED");
    expect(model.moreFindings).toBe(61 - WALL_BANNERS);
    // The body exactly as the route sends it.
    const body = JSON.stringify({ pending: false, ...model });
    expect(new TextEncoder().encode(body).length).toBeLessThan(20_000);
  });
});
