import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateCluster } from "@/lib/health/evaluate-cluster";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { loadScenarioState } from "@/replay/load";
import { canLoseSentence, overviewWhatIfSchema, toOverviewWhatIf } from "./overview-what-if";

const scenariosDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scenarios");
const NOW = Date.parse("2026-11-30T08:00:00Z");
const model = async (name: string) =>
  overviewWhatIfSchema.parse(
    toOverviewWhatIf(await evaluateScenario(path.join(scenariosDir, name), NOW)),
  );

describe("overview: if this fails", () => {
  it("two nodes + QDevice: each node and the QDevice alone keeps quorum, not two of them", async () => {
    const m = await model("two-node-qdevice-connected");
    expect(m.answers.map((a) => [a.label, a.word, a.votes, a.tone])).toEqual([
      ["pve1", "quorum holds", "2 of 3 votes, quorum 2", "ok"],
      ["pve2", "quorum holds", "2 of 3 votes, quorum 2", "ok"],
      ["the QDevice", "quorum holds", "2 of 3 votes, quorum 2", "ok"],
    ]);
    expect(m.canLose).toBe("can lose: any one of pve1, pve2 or the QDevice, not two");
  });

  it("two nodes without a QDevice: either node lost is quorum lost", async () => {
    const m = await model("two-node-no-qdevice");
    expect(m.answers.map((a) => [a.target, a.quorum, a.votes])).toEqual([
      ["pve1", "lost", "1 of 2 votes, quorum 2"],
      ["pve2", "lost", "1 of 2 votes, quorum 2"],
    ]);
    expect(m.canLose).toBe("can lose: nothing");
  });

  it("what else breaks comes with the answer, and a node already out casts no vote", async () => {
    const m = await model("ha-fencing-risk-node-cut-off");
    const pve1 = m.answers.find((a) => a.target === "pve1")!;
    expect(pve1.quorum).toBe("lost");
    expect(pve1.breaks).toContain(
      "pve2 is left without quorum with 1 HA guest (vm:101): it fences itself after about 60 s.",
    );
    const pve3 = m.answers.find((a) => a.target === "pve3")!;
    expect([pve3.quorum, pve3.note]).toEqual(["holds", "pve3 casts no vote now"]);
  });

  it("three nodes + QDevice (2 votes): two nodes may go together, a node and the QDevice may not", async () => {
    const m = await model("three-node-qdevice");
    expect(m.canLose).toBe(
      "can lose: any one of pve1, pve2, pve3 or the QDevice; two only as pve1 + pve2, pve1 + pve3 or pve2 + pve3",
    );
  });

  it("stale data: every answer is unknown and says why, never 'holds'", async () => {
    const state = await loadScenarioState(path.join(scenariosDir, "healthy-3-node"), NOW);
    const m = toOverviewWhatIf(evaluateCluster({ ...state, nowMs: NOW + 10 * 60_000 }));
    expect(m.answers.map((a) => a.quorum)).toEqual(["unknown", "unknown", "unknown"]);
    expect(m.answers[0]!.unknownBecause.join(" ")).toMatch(/10 min old/);
    expect(m.canLose).toBe("can lose: unknown");
  });

  it.each([
    [
      { quorate: true, singles: ["pve2", "qdevice"], pairs: [] },
      "can lose: pve2 or the QDevice, not both",
    ],
    [{ quorate: true, singles: ["pve1"], pairs: [] }, "can lose: pve1 alone"],
    [
      {
        quorate: true,
        singles: ["a", "b", "c"],
        pairs: [
          ["a", "b"],
          ["a", "c"],
          ["b", "c"],
        ],
      },
      "can lose: any two of a, b and c",
    ],
    [{ quorate: false, singles: [], pairs: [] }, "can lose: nothing, quorum is lost"],
  ] as const)("the wall's line %#", (c, sentence) => {
    expect(
      canLoseSentence({
        voters: [],
        unknownBecause: [],
        ...c,
        singles: [...c.singles],
        pairs: c.pairs.map(([a, b]) => [a, b] as [string, string]),
      }),
    ).toBe(sentence);
  });
});
