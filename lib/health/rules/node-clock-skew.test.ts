import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import { failed, makeSnapshot, node, report } from "../test-helpers";
import { nodeClockSkew } from "./node-clock-skew";

function offsets(...values: (number | null)[]) {
  return makeSnapshot({
    nodes: values.map((clockOffsetMs, i) => node(`pve${i + 1}`, { clockOffsetMs })),
  });
}

describe("node.clock-skew", () => {
  it("pve3 runs 2.3 s ahead of two agreeing nodes → warning for node:pve3 with the ms numbers", () => {
    const [finding, ...rest] = nodeClockSkew(offsets(0, 12, 2300));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "node.clock-skew",
      severity: "warning",
      subject: "node:pve3",
      title: "pve3's clock is 2.3 s ahead of the other nodes",
    });
    expect(finding!.detail).toContain(
      "2288 ms ahead of the median of the 3 nodes and up to 2300 ms apart from another node",
    );
    expect(finding!.detail).toContain("pve1 0 ms, pve2 +12 ms, pve3 +2300 ms; threshold 1000 ms");
    expect(finding!.remedy).toContain("chronyc tracking");
  });

  it("pve3 runs 1.5 s behind → warning says behind", () => {
    const [finding] = nodeClockSkew(offsets(0, 10, -1500));
    expect(finding!.title).toBe("pve3's clock is 1.5 s behind the other nodes");
  });

  it("two nodes 1.5 s apart → the one farther from the reference clock is named", () => {
    const findings = nodeClockSkew(offsets(40, 1540));
    expect(findings.map((f) => f.subject)).toEqual(["node:pve2"]);
    expect(findings[0]!.detail).toContain(
      "750 ms ahead of the median of the 2 nodes and up to 1500 ms apart",
    );
  });

  it("two nodes skewed symmetrically around the reference → both are named", () => {
    expect(nodeClockSkew(offsets(-800, 800)).map((f) => f.subject)).toEqual([
      "node:pve1",
      "node:pve2",
    ]);
  });

  it("two of five nodes far off → one finding each", () => {
    expect(nodeClockSkew(offsets(0, 5, -3, 4000, -2500)).map((f) => f.subject)).toEqual([
      "node:pve4",
      "node:pve5",
    ]);
  });

  it.each([
    ["all clocks within 999 ms", offsets(0, 999, 500)],
    ["only one node's offset is known", offsets(0, null, null)],
    ["no offsets known", offsets(null, null)],
    [
      "the skewed node's report is stale",
      makeSnapshot({
        nodes: [
          node("pve1"),
          node("pve2"),
          node("pve3", {
            agent: failed<AgentReport>({}, report("pve3"), 60_000),
            clockOffsetMs: 5000,
          }),
        ],
      }),
    ],
    [
      "a threshold raised to 5 s",
      { ...offsets(0, 12, 2300), thresholds: { ...offsets().thresholds, clockSkewMs: 5000 } },
    ],
  ])("%s → no finding", (_name, snapshot) => {
    expect(nodeClockSkew(snapshot)).toEqual([]);
  });
});
