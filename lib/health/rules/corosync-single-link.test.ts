import { describe, expect, it } from "vitest";
import { parseCorosyncCfgtool } from "@/lib/parsers/corosync-cfgtool";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { makeSnapshot, node } from "../test-helpers";
import { corosyncSingleLink } from "./corosync-single-link";
import { cfgtoolLinks, labLinks, labView, linksNode, staleLinksNode } from "./links-test-helpers";

const nodes = (tag: string) => ["pve1", "pve2", "pve3"].map((n) => linksNode(n, labView(tag, n)));

describe("corosync.single-link", () => {
  it("three nodes on one knet link (lab) → info for the cluster with each node's address on it", () => {
    const findings = corosyncSingleLink(makeSnapshot({ nodes: nodes("3node-1link-healthy") }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "corosync.single-link",
      severity: "info",
      subject: "cluster",
      title: "Corosync runs over a single network link",
    });
    expect(findings[0]!.detail).toBe(
      "pve1, pve2 and pve3 report only corosync link 0 (pve1 172.31.213.1, pve2 172.31.213.2, pve3 172.31.213.3). One switch, cable or NIC failure on that network splits the cluster, and the nodes that end up in a minority lose quorum.",
    );
    expect(findings[0]!.remedy).toContain("ring1_addr");
  });

  it("one node reports from knet statistics alone → info, without addresses", () => {
    const snapshot = makeSnapshot({
      nodes: [
        linksNode("pve1", labLinks(null, "cmapctl-m-stats-3node-1link-healthy-pve1.txt")),
        node("pve2"),
        node("pve3"),
      ],
    });
    expect(corosyncSingleLink(snapshot)[0]!.detail).toMatch(
      /^pve1 reports only corosync link 0\. One switch/,
    );
  });

  it("a corosync 2 cluster with one ring → info naming the ring", () => {
    const oneRing = parsedValue(
      parseCorosyncCfgtool(
        readFixture("corosync-cli/corosync-cfgtool-s-corosync2-2rings-ok-supportutils37.txt").split(
          "RING ID 1",
        )[0]!,
      ),
    );
    const snapshot = makeSnapshot({
      nodes: [linksNode("pve1", { cfgtool: oneRing, stats: null }), node("pve2")],
    });
    expect(corosyncSingleLink(snapshot)[0]!.detail).toContain("only corosync ring 0");
  });

  it.each([
    ["two links (lab)", () => makeSnapshot({ nodes: nodes("3node-2links-healthy") })],
    [
      "link 1 down on one node: still two links configured (lab)",
      () => makeSnapshot({ nodes: nodes("3node-link1-cut-pve2") }),
    ],
    ["no node reports links", () => makeSnapshot()],
    [
      "the single-link report is stale",
      () =>
        makeSnapshot({
          nodes: [staleLinksNode("pve1", labView("3node-1link-healthy", "pve1")), node("pve2")],
        }),
    ],
    [
      "a one-node cluster",
      () => makeSnapshot({ nodes: [linksNode("pve1", cfgtoolLinks(1, { 0: {} }))] }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(corosyncSingleLink(build())).toEqual([]);
  });
});
