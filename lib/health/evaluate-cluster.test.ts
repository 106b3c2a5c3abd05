import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenarioState, SCENARIO_INTERVAL_MS } from "@/replay/load";
import { evaluateCluster } from "./evaluate-cluster";
import { STALE_INTERVALS } from "./thresholds";

const scenarios = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scenarios");
const T0 = Date.parse("2026-11-30T08:00:00Z");

describe("evaluateCluster", () => {
  it("gives the same answer for the same collected state and clock", async () => {
    const state = await loadScenarioState(path.join(scenarios, "two-node-no-qdevice"), T0);
    expect(evaluateCluster(state)).toEqual(evaluateCluster(state));
    expect(evaluateCluster(state).snapshot.takenAt).toBe("2026-11-30T08:00:00.000Z");
  });

  it("takes its clock from the caller: the same answers turn stale when the caller's clock moves on", async () => {
    const state = await loadScenarioState(path.join(scenarios, "healthy-3-node"), T0);
    const fresh = evaluateCluster(state);
    expect(fresh.findings.map((f) => f.rule)).not.toContain("data.stale");
    expect(fresh.summary.quorate).toBe(true);

    const later = evaluateCluster({
      ...state,
      nowMs: T0 + STALE_INTERVALS * SCENARIO_INTERVAL_MS + 1,
    });
    expect(later.findings.filter((f) => f.rule === "data.stale").length).toBeGreaterThan(0);
    expect(later.summary.quorate).toBeNull();
  });
});
