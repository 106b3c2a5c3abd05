import { describe, expect, it } from "vitest";
import { parseCorosyncCfgtool } from "@/lib/parsers/corosync-cfgtool";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { makeSnapshot, node } from "../test-helpers";
import { corosyncLinkDown } from "./corosync-link-down";
import { cfgtoolLinks, labLinks, labView, linksNode, staleLinksNode } from "./links-test-helpers";

const CUT = "3node-link1-cut-pve2";
const HEALTHY = "3node-2links-healthy";
const three = (tag: string) =>
  makeSnapshot({ nodes: ["pve1", "pve2", "pve3"].map((n) => linksNode(n, labView(tag, n))) });

describe("corosync.link-down", () => {
  it("pve2's link 1 cut, all three nodes report (lab) → warning for node:pve2 naming link 1 and pve2's address on it", () => {
    const findings = corosyncLinkDown(three(CUT));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "corosync.link-down",
      severity: "warning",
      subject: "node:pve2",
      title: "pve2's corosync link 1 is down",
    });
    expect(findings[0]!.detail).toContain(
      "On link 1, pve1 sees pve2 disconnected; pve2 sees pve1 and pve3 disconnected; pve3 sees pve2 disconnected.",
    );
    expect(findings[0]!.detail).toContain("knet has counted up to 2 downs on it");
    expect(findings[0]!.detail).toContain("Link 0 still connects pve2 to every node");
    expect(findings[0]!.remedy).toContain("link 1 (pve2's address 10.31.213.2) on pve2");
  });

  it("only pve1's agent answers during the same cut → still node:pve2: pve1 reaches pve3 but not pve2 on link 1", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", labView(CUT, "pve1")),
        node("pve2", { report: null }),
        node("pve3", { report: null }),
      ],
    });
    expect(corosyncLinkDown(snapshot).map((f) => [f.subject, f.severity, f.title])).toEqual([
      ["node:pve2", "warning", "pve2's corosync link 1 is down"],
    ]);
  });

  it("knet statistics alone (no cfgtool output) show the same cut → the same finding", () => {
    const snapshot = makeSnapshot({
      nodes: ["pve1", "pve2", "pve3"].map((n) =>
        linksNode(n, labLinks(null, `cmapctl-m-stats-${CUT}-${n}.txt`)),
      ),
    });
    expect(corosyncLinkDown(snapshot).map((f) => f.subject)).toEqual(["node:pve2"]);
  });

  it("pve3 cut off on both links, seen from pve1 (lab) → critical for node:pve3: no link up to pve1", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode(
          "pve1",
          labLinks(
            "cfgtool-s-3node-pve3-cut-off-pve1.txt",
            "cmapctl-m-stats-3node-pve3-cut-off-pve1.txt",
          ),
        ),
        node("pve2", { report: null }),
        node("pve3", { report: null }),
      ],
    });
    const [finding, ...rest] = corosyncLinkDown(snapshot);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: "critical",
      subject: "node:pve3",
      title: "pve3 has no corosync link up to pve1",
    });
    expect(finding!.detail).toContain("On link 0, pve1 sees pve3 disconnected.");
    expect(finding!.detail).toContain("On link 1, pve1 sees pve3 disconnected.");
    expect(finding!.detail).toContain("No corosync link connects pve3 to pve1 any more");
  });

  it("a two-node cluster with link 1 down → warning for the cluster: nothing tells whose side it is", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", cfgtoolLinks(1, { 0: { 2: "connected" }, 1: { 2: "disconnected" } })),
        linksNode("pve2", cfgtoolLinks(2, { 0: { 1: "connected" }, 1: { 1: "disconnected" } })),
      ],
    });
    const findings = corosyncLinkDown(snapshot);
    expect(findings.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ["cluster", "warning", "Corosync link 1 is down between pve1 and pve2"],
    ]);
    expect(findings[0]!.remedy).toContain("NICs on both sides");
  });

  it("a two-node cluster with both links down → critical for the cluster", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", cfgtoolLinks(1, { 0: { 2: "disconnected" }, 1: { 2: "disconnected" } })),
        node("pve2", { report: null }),
      ],
    });
    const findings = corosyncLinkDown(snapshot);
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([
      ["cluster", "critical"],
      ["cluster", "critical"],
    ]);
    expect(findings[0]!.detail).toContain("No corosync link is left between pve1 and pve2");
  });

  it("link 1 down between every pair of three nodes (its switch failed) → one cluster warning", () => {
    const down = (id: number) => {
      const others = [1, 2, 3].filter((n) => n !== id);
      return cfgtoolLinks(id, {
        0: Object.fromEntries(others.map((n) => [n, "connected" as const])),
        1: Object.fromEntries(others.map((n) => [n, "disconnected" as const])),
      });
    };
    const snapshot = makeSnapshot({ nodes: [1, 2, 3].map((i) => linksNode(`pve${i}`, down(i))) });
    expect(corosyncLinkDown(snapshot).map((f) => [f.subject, f.severity, f.title])).toEqual([
      ["cluster", "warning", "Corosync link 1 is down between all nodes"],
    ]);
  });

  it("one pair down on link 0 while each of them still reaches the third node → a cluster warning naming the pair", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", cfgtoolLinks(1, { 0: { 2: "disconnected", 3: "connected" } })),
        linksNode("pve2", cfgtoolLinks(2, { 0: { 1: "disconnected", 3: "connected" } })),
        linksNode("pve3", cfgtoolLinks(3, { 0: { 1: "connected", 2: "connected" } })),
      ],
    });
    const findings = corosyncLinkDown(snapshot);
    expect(findings.map((f) => [f.subject, f.severity, f.title])).toEqual([
      ["cluster", "critical", "Corosync link 0 is down between pve1 and pve2"],
    ]);
  });

  it("a corosync 2 ring marked FAULTY → warning for the node, with corosync-cfgtool -r", () => {
    const rings = parsedValue(
      parseCorosyncCfgtool(
        readFixture(
          "corosync-cli/corosync-cfgtool-s-corosync2-ring0-faulty-ha_cluster_exporter.txt",
        ),
      ),
    );
    const snapshot = makeSnapshot({
      nodes: [linksNode("pve1", { cfgtool: rings, stats: null }), node("pve2")],
    });
    const [finding] = corosyncLinkDown(snapshot);
    expect(finding).toMatchObject({
      severity: "warning",
      subject: "node:pve1",
      title: "Corosync ring 0 is marked FAULTY on pve1",
    });
    expect(finding!.remedy).toContain("corosync-cfgtool -r");
  });

  it.each([
    ["a healthy cluster with two links (lab)", () => three(HEALTHY)],
    [
      "pve2's link 1 back up (lab)",
      () =>
        makeSnapshot({
          nodes: [
            linksNode(
              "pve1",
              labLinks(
                "cfgtool-s-3node-link1-healed-pve1.txt",
                "cmapctl-m-stats-3node-link1-healed-pve1.txt",
              ),
            ),
          ],
        }),
    ],
    ["a healthy single-link cluster (lab)", () => three("3node-1link-healthy")],
    ["no node reports links (older agents, or scenarios without link files)", () => makeSnapshot()],
    [
      "the only report showing the cut is stale",
      () =>
        makeSnapshot({
          nodes: [staleLinksNode("pve1", labView(CUT, "pve1")), node("pve2"), node("pve3")],
        }),
    ],
    [
      "a state word this version does not know",
      () =>
        makeSnapshot({
          nodes: [
            linksNode("pve1", {
              cfgtool: parsedValue(
                parseCorosyncCfgtool(
                  "Local node ID 1, transport knet\nLINK ID 0 udp\n\taddr\t= 10.0.0.1\n\tstatus:\n\t\tnodeid: 1:\tlocalhost\n\t\tnodeid: 2:\tflapping\n",
                ),
              ),
              stats: null,
            }),
          ],
        }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(corosyncLinkDown(build())).toEqual([]);
  });
});
