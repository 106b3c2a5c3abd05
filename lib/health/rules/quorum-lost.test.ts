import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type { ApiView } from "@/lib/snapshot/types";
import {
  apiView,
  corosyncConf,
  failed,
  makeSnapshot,
  node,
  ok,
  quorum,
  report,
} from "../test-helpers";
import { quorumLost } from "./quorum-lost";
import { lab } from "./quorum-test-helpers";

function member(name: string, q: CorosyncQuorum, conf = corosyncConf(["pve1", "pve2"])) {
  return node(name, { report: report(name, { corosync: ok(q), corosyncConf: ok(conf) }) });
}

const pve3CutOff = quorum({
  quorate: false,
  ringId: "3.e",
  expectedVotes: 3,
  highestExpected: 3,
  totalVotes: 1,
  quorum: 2,
  activityBlocked: true,
  flags: [],
  members: [{ nodeId: 3, name: "pve3", local: true }],
});
const three = corosyncConf(["pve1", "pve2", "pve3"]);

describe("quorum.lost", () => {
  it("survivor of a two-node cluster reports Quorate: No → critical, with its vote numbers and the QDevice link", () => {
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt")),
        node("pve2", { report: null }),
      ],
    });
    const [finding, ...rest] = quorumLost(snapshot);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "quorum.lost",
      severity: "critical",
      subject: "cluster",
      title: "The cluster has lost quorum",
      link: "/setup/qdevice?cluster=test",
    });
    expect(finding!.detail).toContain(
      "pve1 reports Quorate: No (Expected votes 2, Total votes 1, Quorum 2, Activity blocked) and sees only pve1",
    );
    expect(finding!.remedy).toContain("pvecm expected");
  });

  it("both halves of a cut two-node cluster report Quorate: No → one finding naming both", () => {
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt")),
        member("pve2", lab("quorumtool-s-2node-noqdevice-other-side-of-cut.txt")),
      ],
    });
    const findings = quorumLost(snapshot);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.detail).toContain("pve1 reports Quorate: No");
    expect(findings[0]!.detail).toContain(
      "pve2 reports Quorate: No (Expected votes 2, Total votes 1, Quorum 2, Activity blocked) and sees only pve2",
    );
  });

  it("pve3 cut off from a quorate three-node cluster → title names pve3, detail says the others are quorate", () => {
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt"), three),
        member("pve2", lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt"), three),
        member("pve3", pve3CutOff, three),
      ],
    });
    const [finding] = quorumLost(snapshot);
    expect(finding).toMatchObject({
      severity: "critical",
      subject: "cluster",
      title: "pve3 has lost quorum",
    });
    expect(finding!.detail).toContain(
      "pve3 reports Quorate: No (Expected votes 3, Total votes 1, Quorum 2, Activity blocked)",
    );
    expect(finding!.detail).toContain("pve1 and pve2 report Quorate: Yes");
    expect(finding!.link).toBeUndefined();
  });

  it("the API reports quorate 0 while no agent answers → critical naming the API", () => {
    const api = apiView({
      answeredBy: "pve1",
      status: { clusterName: "lab", quorate: false, nodeCount: 2, configVersion: 3, nodes: [] },
    });
    const snapshot = makeSnapshot({
      api,
      nodes: [node("pve1", { report: null }), node("pve2", { report: null })],
    });
    const [finding] = quorumLost(snapshot);
    expect(finding).toMatchObject({
      rule: "quorum.lost",
      severity: "critical",
      title: "The cluster has lost quorum",
    });
    expect(finding!.detail).toContain("The Proxmox API (answered by pve1) reports quorate 0");
  });

  it.each([
    [
      "a healthy two-node cluster",
      ["quorumtool-s-2node-noqdevice-healthy.txt", "quorumtool-s-2node-noqdevice-healthy.txt"],
    ],
    [
      "a two-node cluster with QDevice whose qnetd is down (still 2 of 3)",
      ["quorumtool-s-2node-qdevice-qnetd-down.txt"],
    ],
    [
      "a three-node cluster with one node cut, seen from the quorate side",
      ["quorumtool-s-3node-one-cut-quorate-no-margin.txt"],
    ],
    [
      "a two-node cluster healed after `corosync-quorumtool -e 1`",
      ["quorumtool-s-2node-noqdevice-healed-after-expected-1.txt"],
    ],
  ])("%s → no finding", (_name, files) => {
    const snapshot = makeSnapshot({ nodes: files.map((f, i) => member(`pve${i + 1}`, lab(f))) });
    expect(quorumLost(snapshot)).toEqual([]);
  });

  it("a stale report that last said Quorate: No → no finding (data.stale reports it)", () => {
    const last = report("pve1", {
      corosync: ok(lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt")),
    });
    const snapshot = makeSnapshot({
      nodes: [node("pve1", { agent: failed<AgentReport>({}, last, 60_000) })],
    });
    expect(quorumLost(snapshot)).toEqual([]);
  });

  it("a stale API answer of quorate 0 → no finding", () => {
    const api = failed<ApiView>(
      {},
      apiView({
        status: { clusterName: "lab", quorate: false, nodeCount: 2, configVersion: 3, nodes: [] },
      }),
      60_000,
    );
    expect(quorumLost(makeSnapshot({ api, nodes: [node("pve1")] }))).toEqual([]);
  });

  it("nodes whose corosync section is absent → no finding", () => {
    expect(quorumLost(makeSnapshot({ nodes: [node("pve1"), node("pve2")] }))).toEqual([]);
  });
});
