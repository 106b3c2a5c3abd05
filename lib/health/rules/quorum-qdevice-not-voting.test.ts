import { describe, expect, it } from "vitest";
import type { AgentReport, ReportSections } from "@/lib/agents/schema";
import { parseCorosyncQdeviceTool } from "@/lib/parsers/corosync-qdevice-tool";
import type { QdeviceStatus } from "@/lib/parsers/corosync-qdevice-tool";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import {
  absent,
  apiView,
  corosyncConf,
  failed,
  makeSnapshot,
  node,
  ok,
  quorum,
  report,
} from "../test-helpers";
import { quorumQdeviceNotVoting } from "./quorum-qdevice-not-voting";
import { lab, twoNodesQdevice } from "./quorum-test-helpers";

function tool(file: string): QdeviceStatus {
  return parsedValue(parseCorosyncQdeviceTool(readFixture(`corosync-cli/lab/${file}`)));
}

/** The same lab output as node `nodeId` prints it: only the (local) marker moves. */
function seenFrom(q: CorosyncQuorum, nodeId: number): CorosyncQuorum {
  return { ...q, nodeId, members: q.members.map((m) => ({ ...m, local: m.nodeId === nodeId })) };
}

function member(name: string, sections: Partial<ReportSections>) {
  return node(name, { report: report(name, { corosyncConf: ok(twoNodesQdevice), ...sections }) });
}

function bothNodes(quorumFile: string, toolFile: string) {
  const q = lab(quorumFile);
  return [
    member("pve1", { corosync: ok(seenFrom(q, 1)), qdevice: ok(tool(toolFile)) }),
    member("pve2", { corosync: ok(seenFrom(q, 2)), qdevice: ok(tool(toolFile)) }),
  ];
}

describe("quorum.qdevice-not-voting", () => {
  it("qnetd down: both nodes A,NV,NMW, Qdevice 0 votes, State: Connect failed → warning naming each node's evidence", () => {
    const snapshot = makeSnapshot({
      nodes: bothNodes(
        "quorumtool-s-2node-qdevice-qnetd-down.txt",
        "qdevice-tool-sv-qnetd-down.txt",
      ),
    });
    const [finding, ...rest] = quorumQdeviceNotVoting(snapshot);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "quorum.qdevice-not-voting",
      severity: "warning",
      subject: "cluster",
      title: "The QDevice is not voting on pve1 and pve2",
    });
    expect(finding!.detail).toContain(
      "pve1: A,NV,NMW; Qdevice votes 0 (configured 1); corosync-qdevice-tool State: Connect failed, not casting its vote",
    );
    expect(finding!.detail).toContain("pve2: A,NV,NMW; Qdevice votes 0 (configured 1)");
    expect(finding!.remedy).toContain("10.213.7.100");
    expect(finding!.remedy).toContain("corosync-qdevice-tool -sv");
  });

  it("QDevice in corosync.conf but no Qdevice row at all (daemon stopped everywhere) → warning", () => {
    const snapshot = makeSnapshot({
      nodes: [member("pve1", { corosync: ok(lab("quorumtool-s-2node-noqdevice-healthy.txt")) })],
    });
    const [finding] = quorumQdeviceNotVoting(snapshot);
    expect(finding!.detail).toContain("pve1: corosync-quorumtool shows no registered QDevice");
  });

  it("pve2 shows NR in pve1's view while pve2's agent is down → warning, says who saw it", () => {
    const q = quorum({
      expectedVotes: 3,
      totalVotes: 3,
      flags: ["Quorate", "Qdevice"],
      members: [
        { nodeId: 1, name: "pve1", local: true, qdevice: ["A", "V", "NMW"] },
        { nodeId: 2, name: "pve2", qdevice: ["NR"] },
      ],
      qdeviceName: "Qdevice",
      qdeviceVotes: 1,
      qdeviceConfiguredVotes: 1,
    });
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", { corosync: ok(q), qdevice: ok(tool("qdevice-tool-sv-connected.txt")) }),
        node("pve2", { report: null }),
      ],
    });
    const [finding] = quorumQdeviceNotVoting(snapshot);
    expect(finding!.title).toBe("The QDevice is not voting on pve2");
    expect(finding!.detail).toContain("pve2: NR (as pve1 sees it)");
    expect(finding!.detail).not.toContain("pve1:");
  });

  it("corosync-qdevice not running on pve2: both views show NR for it → warning from pve2's own row", () => {
    const q = (local: number) =>
      quorum({
        expectedVotes: 3,
        totalVotes: 3,
        flags: ["Quorate", "Qdevice"],
        members: [
          { nodeId: 1, name: "pve1", local: local === 1, qdevice: ["A", "V", "NMW"] },
          { nodeId: 2, name: "pve2", local: local === 2, qdevice: ["NR"] },
        ],
        qdeviceName: "Qdevice",
        qdeviceVotes: local === 1 ? 1 : 0,
        qdeviceConfiguredVotes: 1,
      });
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", { corosync: ok(q(1)), qdevice: ok(tool("qdevice-tool-sv-connected.txt")) }),
        member("pve2", {
          corosync: ok(q(2)),
          qdevice: absent("unavailable", "Can't connect to QDevice socket"),
        }),
      ],
    });
    const [finding] = quorumQdeviceNotVoting(snapshot);
    expect(finding!.title).toBe("The QDevice is not voting on pve2");
    expect(finding!.detail).toContain("pve2: NR; Qdevice votes 0 (configured 1)");
  });

  it("a missing qdevice-tool output alone, with corosync showing the QDevice voting → no finding", () => {
    const connected = lab("quorumtool-s-2node-qdevice-connected.txt");
    const snapshot = makeSnapshot({
      nodes: [
        member("pve1", { corosync: ok(connected), qdevice: absent("not-installed") }),
        member("pve2", { corosync: ok(seenFrom(connected, 2)) }),
      ],
    });
    expect(quorumQdeviceNotVoting(snapshot)).toEqual([]);
  });

  it("the API's QDevice status reads Connect failed → warning attributed to the answering node", () => {
    const api = apiView({
      answeredBy: "pve1",
      qdevice: {
        state: "Connect failed",
        algorithm: null,
        qnetdHost: "10.213.7.100:5403",
        lastPoll: null,
        raw: {},
      },
    });
    const snapshot = makeSnapshot({ api, nodes: [member("pve1", {})] });
    const [finding] = quorumQdeviceNotVoting(snapshot);
    expect(finding!.detail).toContain(
      "The Proxmox API (answered by pve1) reports State: Connect failed",
    );
  });

  it.each([
    [
      "QDevice connected and voting on both nodes",
      () => bothNodes("quorumtool-s-2node-qdevice-connected.txt", "qdevice-tool-sv-connected.txt"),
    ],
    [
      "after the peer healed and qnetd came back",
      () =>
        bothNodes("quorumtool-s-after-heal-and-qnetd-back.txt", "qdevice-tool-sv-connected.txt"),
    ],
    [
      "no quorum.device in corosync.conf",
      () => [
        node("pve1", {
          report: report("pve1", {
            corosync: ok(lab("quorumtool-s-2node-noqdevice-healthy.txt")),
            corosyncConf: ok(corosyncConf(["pve1", "pve2"])),
          }),
        }),
      ],
    ],
    [
      "qnetd down, but the reports are stale",
      () => [
        node("pve1", {
          agent: failed<AgentReport>(
            {},
            report("pve1", {
              corosyncConf: ok(twoNodesQdevice),
              corosync: ok(lab("quorumtool-s-2node-qdevice-qnetd-down.txt")),
            }),
            60_000,
          ),
        }),
      ],
    ],
    [
      "QDevice configured, but every qdevice source is absent for another reason (timeout)",
      () => [member("pve1", { qdevice: absent("timeout") })],
    ],
  ])("%s → no finding", (_name, nodes) => {
    // The API's `{}` (mapped to null) proves nothing either way.
    expect(
      quorumQdeviceNotVoting(makeSnapshot({ api: apiView({ qdevice: null }), nodes: nodes() })),
    ).toEqual([]);
  });
});
