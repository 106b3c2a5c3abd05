import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { toMetrics } from "./metrics";
import { evaluated } from "./test-helpers";

function sample(families: ReturnType<typeof toMetrics>, name: string) {
  return families.find((f) => f.name === name)?.samples ?? [];
}

describe("metrics model", () => {
  it("names every family with the product prefix in snake case", async () => {
    const families = toMetrics(await evaluated("healthy-3-node"));
    for (const f of families) expect(f.name).toMatch(/^tiebreaker_[a-z0-9_]+$/);
  });

  it("reports the vote arithmetic and a one-hot state", async () => {
    const families = toMetrics(await evaluated("two-node-qdevice-node-down"));
    expect(sample(families, "tiebreaker_cluster_total_votes")[0]?.value).toBe(2);
    expect(sample(families, "tiebreaker_cluster_expected_votes")[0]?.value).toBe(3);
    const states = sample(families, "tiebreaker_cluster_state");
    expect(states.filter((s) => s.value === 1)).toHaveLength(1);
    expect(sample(families, "tiebreaker_node_online").map((s) => s.value)).toEqual([1, 0]);
  });

  it("leaves out what nobody could tell instead of reporting 0 or 1", async () => {
    const families = toMetrics(
      await evaluated("healthy-3-node", (s) => ({
        ...s,
        nowMs: s.nowMs + 3 * SCENARIO_INTERVAL_MS + 1,
      })),
    );
    expect(sample(families, "tiebreaker_cluster_quorate")).toEqual([]);
    expect(sample(families, "tiebreaker_node_online")).toEqual([]);
    expect(sample(families, "tiebreaker_source_fresh").every((s) => s.value === 0)).toBe(true);
    const unknown = sample(families, "tiebreaker_cluster_state").find((s) => s.value === 1);
    expect(unknown?.labels.state).toBe("UNKNOWN");
  });

  it("has one active-finding sample per finding", async () => {
    const view = await evaluated("drbd9-split-brain");
    expect(sample(toMetrics(view), "tiebreaker_finding_active")).toHaveLength(view.findings.length);
  });
});
