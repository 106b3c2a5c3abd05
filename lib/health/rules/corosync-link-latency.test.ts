import { describe, expect, it } from "vitest";
import type { LinksData } from "@/lib/agents/schema";
import { makeSnapshot, node } from "../test-helpers";
import { DEFAULT_THRESHOLDS } from "../thresholds";
import { corosyncLinkLatency } from "./corosync-link-latency";
import { labView, linksNode, staleLinksNode } from "./links-test-helpers";

const HEALTHY = "3node-2links-healthy";

/** A lab capture with the average (and maximum) latency of some peer links set, in microseconds. */
function slowed(name: string, slow: Record<string, [ave: number, max: number]>): LinksData {
  const view = structuredClone(labView(HEALTHY, name));
  for (const stats of view.stats?.nodes ?? []) {
    for (const link of stats.links) {
      const set = slow[`${stats.nodeId}.${link.linkId}`];
      if (set) [link.latencyAveUs, link.latencyMaxUs] = set;
    }
  }
  return view;
}

const healthy = (name: string) => linksNode(name, labView(HEALTHY, name));

/** Like `slowed`, with the agent's figure for the last 30 s on those links as well. */
function withRecent(
  name: string,
  links: Record<string, [ave: number, max: number, recent: number]>,
): LinksData {
  const view = slowed(
    name,
    Object.fromEntries(Object.entries(links).map(([key, [ave, max]]) => [key, [ave, max]])),
  );
  for (const stats of view.stats?.nodes ?? [])
    for (const link of stats.links) {
      const set = links[`${stats.nodeId}.${link.linkId}`];
      if (set) link.latencyRecentUs = set[2];
    }
  return view;
}

describe("corosync.link-latency", () => {
  it("pve3's link 1 averages 23 ms from both peers (pve3 itself does not report) → warning for node:pve3", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", slowed("pve1", { "3.1": [23_400, 45_100] })),
        linksNode("pve2", slowed("pve2", { "3.1": [21_900, 40_000] })),
        node("pve3", { report: null }),
      ],
    });
    const findings = corosyncLinkLatency(snapshot);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "corosync.link-latency",
      severity: "warning",
      subject: "node:pve3",
      title: "Corosync link 1 to pve3 is slow",
    });
    expect(findings[0]!.detail).toContain(
      "On link 1: pve1 → pve3 23.4 ms (max 45.1 ms), pve2 → pve3 21.9 ms (max 40.0 ms). Average knet round trip, the threshold is 10 ms.",
    );
  });

  it("a link slow once and fast for the last 30 s (the agent's recent figure) → no finding, however high knet's average", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", withRecent("pve1", { "2.1": [21_700, 36_300, 180] })),
        linksNode("pve2", withRecent("pve2", { "1.1": [19_000, 30_000, 170] })),
        healthy("pve3"),
      ],
    });
    expect(corosyncLinkLatency(snapshot)).toEqual([]);
  });

  it("a link slow in the last 30 s → warning that names the recent figure, even with a low average", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", withRecent("pve1", { "2.0": [900, 40_000, 25_000] })),
        healthy("pve2"),
        healthy("pve3"),
      ],
    });
    const findings = corosyncLinkLatency(snapshot);
    expect(findings.map((f) => f.subject)).toEqual(["cluster"]);
    expect(findings[0]!.detail).toContain("pve1 → pve2 25.0 ms in the last 30 s (max 40.0 ms)");
  });

  it("one pair slow on link 0 while both reach the third node quickly → warning for the cluster naming the pair", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", slowed("pve1", { "2.0": [15_000, 16_000] })),
        healthy("pve2"),
        healthy("pve3"),
      ],
    });
    expect(corosyncLinkLatency(snapshot).map((f) => [f.subject, f.title])).toEqual([
      ["cluster", "Corosync link 0 is slow between pve1 and pve2"],
    ]);
  });

  it("a raised threshold (thresholds.linkLatencyMs 30) → no finding at 23 ms", () => {
    const snapshot = {
      ...makeSnapshot({
        nodes: [linksNode("pve1", slowed("pve1", { "3.1": [23_400, 45_100] })), healthy("pve2")],
      }),
      thresholds: { ...DEFAULT_THRESHOLDS, linkLatencyMs: 30 },
    };
    expect(corosyncLinkLatency(snapshot)).toEqual([]);
  });

  it.each([
    [
      "the lab's sub-millisecond links",
      () => makeSnapshot({ nodes: ["pve1", "pve2", "pve3"].map(healthy) }),
    ],
    [
      "exactly 10 ms is not above the threshold",
      () =>
        makeSnapshot({
          nodes: [linksNode("pve1", slowed("pve1", { "2.0": [10_000, 12_000] })), healthy("pve2")],
        }),
    ],
    [
      "a slow figure on a link that is down (the last value knet kept)",
      () => {
        const view = slowed("pve1", { "2.1": [50_000, 60_000] });
        view.stats!.nodes.find((n) => n.nodeId === 2)!.links[1]!.connected = false;
        view.cfgtool = null;
        return makeSnapshot({ nodes: [linksNode("pve1", view)] });
      },
    ],
    [
      "the slow report is stale",
      () =>
        makeSnapshot({
          nodes: [staleLinksNode("pve1", slowed("pve1", { "2.0": [50_000, 60_000] }))],
        }),
    ],
    [
      "no knet statistics, only link status",
      () =>
        makeSnapshot({ nodes: [linksNode("pve1", { ...labView(HEALTHY, "pve1"), stats: null })] }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(corosyncLinkLatency(build())).toEqual([]);
  });
});
