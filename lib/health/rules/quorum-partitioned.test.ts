import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import { corosyncConf, failed, fresh, makeSnapshot, node, ok, report } from "../test-helpers";
import { quorumPartitioned } from "./quorum-partitioned";
import { lab, pve3CutOff } from "./quorum-test-helpers";

function member(name: string, q: CorosyncQuorum, fetchedAt?: string) {
  const r = report(name, {
    corosync: ok(q),
    corosyncConf: ok(corosyncConf(["pve1", "pve2", "pve3"])),
  });
  return node(name, { agent: fetchedAt ? { ...fresh(r), fetchedAt } : fresh(r) });
}

describe("quorum.partitioned", () => {
  it("both halves of a cut two-node cluster each see only themselves → critical, two groups", () => {
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt")),
        member("pve2", lab("quorumtool-s-2node-noqdevice-other-side-of-cut.txt")),
      ],
    });
    const [finding, ...rest] = quorumPartitioned(snapshot);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "quorum.partitioned",
      severity: "critical",
      subject: "cluster",
      title: "The cluster is split into 2 groups that cannot see each other",
    });
    expect(finding!.detail).toContain(
      "pve1 sees only pve1 (ring 1.d, not quorate, 1 of 2 expected votes)",
    );
    expect(finding!.detail).toContain(
      "pve2 sees only pve2 (ring 2.d, not quorate, 1 of 2 expected votes)",
    );
    expect(finding!.detail).toContain("disagree about membership and ring id");
  });

  it("pve3 cut off from a three-node cluster while it still answers → critical, majority and minority named", () => {
    const majority = lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt");
    const snapshot = makeSnapshot({
      nodes: [member("pve1", majority), member("pve2", majority), member("pve3", pve3CutOff)],
    });
    const [finding] = quorumPartitioned(snapshot);
    expect(finding!.detail).toContain(
      "pve1 and pve2 see pve1 and pve2 (ring 1.d, quorate, 2 of 3 expected votes)",
    );
    expect(finding!.detail).toContain(
      "pve3 sees only pve3 (ring 3.e, not quorate, 1 of 3 expected votes)",
    );
  });

  it("same members but different ring ids → critical, says the ring id differs", () => {
    const healthy = lab("quorumtool-s-2node-noqdevice-healthy.txt");
    const snapshot = makeSnapshot({
      nodes: [member("pve1", healthy), member("pve2", { ...healthy, ringId: "1.11" })],
    });
    const [finding] = quorumPartitioned(snapshot);
    expect(finding).toMatchObject({
      severity: "critical",
      title: "Cluster nodes disagree about the ring id",
    });
  });

  it.each([
    [
      "a healthy two-node cluster seen from both nodes",
      [
        lab("quorumtool-s-2node-noqdevice-healthy.txt"),
        lab("quorumtool-s-2node-noqdevice-healthy.txt"),
      ],
    ],
    [
      "a healthy QDevice cluster, pvecm-style output on one node",
      [
        lab("quorumtool-s-2node-qdevice-connected.txt"),
        lab("quorumtool-siH-2node-qdevice-connected-pvecm-style.txt"),
      ],
    ],
    [
      "a three-node cluster with one node down, both survivors agree",
      [
        lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt"),
        lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt"),
      ],
    ],
    ["only one node answers", [lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt")]],
  ])("%s → no finding", (_name, views) => {
    const snapshot = makeSnapshot({ nodes: views.map((q, i) => member(`pve${i + 1}`, q)) });
    expect(quorumPartitioned(snapshot)).toEqual([]);
  });

  it("the other half's report is stale → no finding (fewer than two answering nodes)", () => {
    const last = report("pve2", {
      corosync: ok(lab("quorumtool-s-2node-noqdevice-other-side-of-cut.txt")),
    });
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt")),
        node("pve2", { agent: failed<AgentReport>({}, last, 60_000) }),
      ],
    });
    expect(quorumPartitioned(snapshot)).toEqual([]);
  });

  it("a still-fresh report from before a membership change is not compared with newer ones → no finding", () => {
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", lab("quorumtool-s-3node-healthy.txt"), "2026-11-22T10:00:00.000Z"),
        member(
          "pve2",
          lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt"),
          "2026-11-22T09:59:50.000Z",
        ),
      ],
    });
    expect(quorumPartitioned(snapshot)).toEqual([]);
  });
});
