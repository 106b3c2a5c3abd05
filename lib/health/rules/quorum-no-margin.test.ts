import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import { corosyncConf, failed, makeSnapshot, node, ok, quorum, report } from "../test-helpers";
import { quorumNoMargin } from "./quorum-no-margin";
import { cluster, lab, twoNodes, twoNodesQdevice } from "./quorum-test-helpers";

const threeNodes = corosyncConf(["pve1", "pve2", "pve3"]);

const oneNodePlusQdevice = quorum({
  expectedVotes: 3,
  highestExpected: 3,
  totalVotes: 2,
  quorum: 2,
  flags: ["Quorate", "Qdevice"],
  members: [{ nodeId: 1, name: "pve1", local: true, qdevice: ["A", "V", "NMW"] }],
  qdeviceName: "Qdevice",
  qdeviceVotes: 1,
  qdeviceConfiguredVotes: 1,
});

describe("quorum.no-margin", () => {
  it("healthy two-node cluster without QDevice (Total 2, Quorum 2) → warning, remedy adds a QDevice", () => {
    const [finding, ...rest] = quorumNoMargin(
      cluster(lab("quorumtool-s-2node-noqdevice-healthy.txt"), twoNodes),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "quorum.no-margin",
      severity: "warning",
      subject: "cluster",
    });
    expect(finding!.detail).toBe(
      "pve1 sees Expected votes 2, Total votes 2, Quorum 2: losing any one of pve1 and pve2 (1 vote each) would leave 1 vote, below the quorum of 2, and stop the cluster.",
    );
    expect(finding!.remedy).toContain("pvecm qdevice setup");
  });

  it("two nodes with QDevice whose qnetd is down (Total 2 of 3) → warning naming the QDevice's missing vote", () => {
    const [finding] = quorumNoMargin(
      cluster(lab("quorumtool-s-2node-qdevice-qnetd-down.txt"), twoNodesQdevice),
    );
    expect(finding!.detail).toContain("Expected votes 3, Total votes 2, Quorum 2");
    expect(finding!.detail).toContain("Already missing: the QDevice's vote.");
    expect(finding!.remedy).toContain("Bring back the QDevice's vote");
  });

  it("two nodes with QDevice and one node cut (node 1 + QDevice 1 = Total 2, Quorum 2) → warning", () => {
    const [finding] = quorumNoMargin(cluster(oneNodePlusQdevice, twoNodesQdevice));
    expect(finding!.detail).toContain(
      "losing any one of pve1 and the QDevice (1 vote each) would leave 1 vote, below the quorum of 2",
    );
    expect(finding!.detail).toContain("Already missing: pve2.");
  });

  it("three-node cluster with pve3 cut, seen from the quorate side → warning, pve3 missing, margin returns with it", () => {
    const [finding] = quorumNoMargin(
      cluster(lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt"), threeNodes),
    );
    expect(finding!.detail).toContain("Expected votes 3, Total votes 2, Quorum 2");
    expect(finding!.detail).toContain("Already missing: pve3.");
    expect(finding!.remedy).toContain("Bring back pve3");
    expect(finding!.remedy).toContain("all 3 votes present");
  });

  it.each([
    [
      "healthy three-node cluster (Total 3, Quorum 2)",
      lab("quorumtool-s-3node-healthy.txt"),
      threeNodes,
    ],
    [
      "two nodes with a voting QDevice (Total 3, Quorum 2)",
      lab("quorumtool-s-2node-qdevice-connected.txt"),
      twoNodesQdevice,
    ],
    [
      "after the peer healed and qnetd came back",
      lab("quorumtool-s-after-heal-and-qnetd-back.txt"),
      twoNodesQdevice,
    ],
    [
      "two_node mode (Quorum 1) keeps the survivor quorate",
      quorum({
        quorum: 1,
        flags: ["2Node", "Quorate", "WaitForAll"],
        members: [{ local: true }, {}],
      }),
      corosyncConf(["pve1", "pve2"], { twoNode: true }),
    ],
    [
      "the survivor is not quorate (quorum.lost covers it)",
      lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt"),
      twoNodes,
    ],
  ])("%s → no finding", (_name, q, conf) => {
    expect(quorumNoMargin(cluster(q, conf))).toEqual([]);
  });

  it("the only report is stale → no finding", () => {
    const last = report("pve1", { corosync: ok(lab("quorumtool-s-2node-noqdevice-healthy.txt")) });
    expect(
      quorumNoMargin(
        makeSnapshot({ nodes: [node("pve1", { agent: failed<AgentReport>({}, last, 60_000) })] }),
      ),
    ).toEqual([]);
  });

  it("prefers the quorate majority's view over a cut-off node's", () => {
    const minority = quorum({
      quorate: false,
      totalVotes: 1,
      expectedVotes: 3,
      quorum: 2,
      members: [{ nodeId: 3, name: "pve3", local: true }],
    });
    const snapshot = makeSnapshot({
      nodes: [
        node("pve1", {
          report: report("pve1", {
            corosync: ok(lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt")),
            corosyncConf: ok(threeNodes),
          }),
        }),
        node("pve3", {
          report: report("pve3", { corosync: ok(minority), corosyncConf: ok(threeNodes) }),
        }),
      ],
    });
    const [finding] = quorumNoMargin(snapshot);
    expect(finding!.detail).toMatch(/^pve1 sees Expected votes 3, Total votes 2, Quorum 2/);
  });
});
