import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { toOverviewModel } from "./overview";
import { evaluated } from "./test-helpers";

describe("overview model", () => {
  it("two-node trap → 2 of 2 votes, quorum 2, nothing to spare, warnings first", async () => {
    const model = toOverviewModel(await evaluated("two-node-no-qdevice"), null);
    expect(model.votes).toMatchObject({ total: 2, expected: 2, quorum: 2, canLose: 0 });
    expect(
      model.findings
        .map((f) => f.rule)
        .slice(0, 2)
        .sort(),
    ).toEqual(["quorum.no-margin", "quorum.two-node-no-qdevice"]);
    expect(model.nodes.map((n) => [n.name, n.online, n.votes])).toEqual([
      ["pve1", true, 1],
      ["pve2", true, 1],
    ]);
  });

  it("takes the configured name over the cluster's own", async () => {
    const model = toOverviewModel(await evaluated("healthy-3-node"), "Production");
    expect(model.name).toBe("Production");
  });

  it("grades storage fill against the configured thresholds, not fixed numbers", async () => {
    const defaults = toOverviewModel(await evaluated("healthy-3-node"), null);
    const cells = defaults.storage.flatMap((row) => row.nodes).filter((c) => c.usedRatio !== null);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.usageTone === "ok")).toBe(true);

    const strict = toOverviewModel(
      await evaluated("healthy-3-node", (state) => ({
        ...state,
        thresholds: { ...state.thresholds, storageWarnRatio: 0.0001, storageCritRatio: 0.99 },
      })),
      null,
    );
    const strictCells = strict.storage.flatMap((row) => row.nodes).filter((c) => c.usedRatio);
    expect(strictCells.every((c) => c.usageTone === "warn")).toBe(true);
  });

  it("lists the OCFS2 volume a node should mount but does not, as ocfs2.not-mounted says", async () => {
    const view = await evaluated("ocfs2-not-mounted-one-node");
    const model = toOverviewModel(view, null);
    const finding = view.findings.find((f) => f.rule === "ocfs2.not-mounted");
    expect(finding).toBeDefined();
    const row = model.ocfs2.find((r) => `ocfs2:${r.mountpoint}` === finding?.subject);
    expect(row?.nodes.map((n) => n.mounted)).toContain(false);
    expect(row?.nodes.map((n) => n.mounted)).toContain(true);
  });

  it("shows stale sources as not fresh with their age, never as healthy", async () => {
    const later = SCENARIO_INTERVAL_MS * 3 + 1;
    const model = toOverviewModel(
      await evaluated("healthy-3-node", (state) => ({ ...state, nowMs: state.nowMs + later })),
      null,
    );
    expect(model.votes.quorate).toBeNull();
    expect(model.nodes.every((n) => !n.agent.fresh && n.agent.ageMs === later)).toBe(true);
    expect(model.storage.flatMap((r) => r.nodes).every((c) => c.usageTone === "unknown")).toBe(
      true,
    );
  });
});
