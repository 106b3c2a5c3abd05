import { describe, expect, it } from "vitest";
import { parseCorosyncConf } from "@/lib/parsers/corosync-conf";
import { readFixture } from "@/lib/parsers/test-helpers";
import {
  apiView,
  corosyncConf,
  failed,
  fresh,
  makeSnapshot,
  node,
  ok,
  quorum,
  report,
} from "./test-helpers";
import {
  apiAnswerer,
  clusterConf,
  configuredTotalVotes,
  corosyncViews,
  describeConfiguredVotes,
  majorityView,
  memberName,
  qdeviceConfigured,
  voteNumbers,
} from "./views-quorum";
import { QDEVICE, lab } from "./rules/quorum-test-helpers";
import type { AgentReport } from "@/lib/agents/schema";

describe("views-quorum", () => {
  it("corosyncViews keeps only fresh corosync sections", () => {
    const stale = failed<AgentReport>({}, report("pve2", { corosync: ok(quorum()) }), 60_000);
    const snapshot = makeSnapshot({
      nodes: [
        node("pve1", { report: report("pve1", { corosync: ok(quorum()) }) }),
        node("pve2", { agent: stale }),
        node("pve3"),
      ],
    });
    expect(corosyncViews(snapshot).map((v) => v.node.name)).toEqual(["pve1"]);
  });

  it("clusterConf picks the highest config_version", () => {
    const snapshot = makeSnapshot({
      nodes: [
        node("pve1", {
          report: report("pve1", {
            corosyncConf: ok(corosyncConf(["pve1", "pve2"], { configVersion: 3 })),
          }),
        }),
        node("pve2", {
          report: report("pve2", {
            corosyncConf: ok(corosyncConf(["pve1", "pve2", "pve3"], { configVersion: 4 })),
          }),
        }),
      ],
    });
    expect(clusterConf(snapshot)?.node.name).toBe("pve2");
  });

  it("majorityView prefers the quorate view with the most members", () => {
    const snapshot = makeSnapshot({
      nodes: [
        node("pve1", {
          report: report("pve1", {
            corosync: ok(lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt")),
          }),
        }),
        node("pve2", {
          report: report("pve2", {
            corosync: ok(lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt")),
          }),
        }),
      ],
    });
    expect(majorityView(corosyncViews(snapshot))?.node.name).toBe("pve2");
  });

  it("majorityView is null when nobody is quorate", () => {
    const q = lab("quorumtool-s-2node-noqdevice-other-side-of-cut.txt");
    const snapshot = makeSnapshot({
      nodes: [node("pve2", { report: report("pve2", { corosync: ok(q) }) })],
    });
    expect(majorityView(corosyncViews(snapshot))).toBeNull();
  });

  it("voteNumbers prints the lab's not-quorate survivor as corosync does", () => {
    expect(voteNumbers(lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt"))).toBe(
      "Expected votes 2, Total votes 1, Quorum 2, Activity blocked",
    );
  });

  it("memberName maps `pvecm status` addresses back to node names by node id", () => {
    const q = lab("quorumtool-siH-2node-qdevice-connected-pvecm-style.txt");
    const conf = corosyncConf(["pve1", "pve2"]);
    expect(q.members.map((m) => memberName(m, conf))).toEqual(["pve1", "pve2"]);
    expect(memberName(q.members[0]!, null)).toBe("10.213.7.1");
  });

  it.each([
    ["two nodes, no QDevice", corosyncConf(["pve1", "pve2"]), 2, "2 nodes × 1 vote"],
    [
      "two nodes and a one-vote QDevice",
      corosyncConf(["pve1", "pve2"], { qdevice: QDEVICE }),
      3,
      "2 nodes × 1 vote + QDevice 1 vote",
    ],
    [
      "three nodes and a QDevice without votes set (votequorum default: node votes - 1)",
      corosyncConf(["pve1", "pve2", "pve3"], {
        qdevice: { ...QDEVICE, algorithm: "lms", votes: null },
      }),
      5,
      "3 nodes × 1 vote + QDevice 2 votes",
    ],
  ])("configured total votes: %s → %i", (_name, conf, total, text) => {
    expect(configuredTotalVotes(conf, [])).toBe(total);
    expect(describeConfiguredVotes(conf, [])).toBe(text);
  });

  it("the real PVE corosync.conf with a QDevice adds up to 3 votes", () => {
    const parsed = parseCorosyncConf(
      readFixture("pve-config/corosync-conf-pve-2node-qdevice-net-ffsplit-tls-homelab.conf"),
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(configuredTotalVotes(parsed.value, [])).toBe(3);
  });

  it.each([
    [
      "corosync.conf without quorum.device says none, even if the API answers",
      corosyncConf(["pve1", "pve2"]),
      null,
      false,
    ],
    [
      "corosync.conf with quorum.device says configured",
      corosyncConf(["pve1", "pve2"], { qdevice: QDEVICE }),
      null,
      true,
    ],
    [
      "no corosync.conf and a registered Qdevice row → configured",
      null,
      lab("quorumtool-s-2node-qdevice-connected.txt"),
      true,
    ],
    [
      "no corosync.conf and no Qdevice row → unknown",
      null,
      lab("quorumtool-s-2node-noqdevice-healthy.txt"),
      null,
    ],
  ])("qdeviceConfigured: %s", (_name, conf, q, expected) => {
    const sections = {
      ...(conf ? { corosyncConf: ok(conf) } : {}),
      ...(q ? { corosync: ok(q) } : {}),
    };
    const snapshot = makeSnapshot({ nodes: [node("pve1", { report: report("pve1", sections) })] });
    expect(qdeviceConfigured(snapshot, corosyncViews(snapshot))).toBe(expected);
  });

  it("qdeviceConfigured ignores a stale agent's corosync.conf", () => {
    const stale = {
      ...fresh(report("pve1", { corosyncConf: ok(corosyncConf(["pve1", "pve2"])) })),
      fresh: false,
    };
    const snapshot = makeSnapshot({ nodes: [node("pve1", { agent: stale })] });
    expect(clusterConf(snapshot)).toBeNull();
    expect(qdeviceConfigured(snapshot, [])).toBeNull();
  });

  it("apiAnswerer falls back to the `local` node of /cluster/status", () => {
    const status = {
      clusterName: "lab",
      quorate: true,
      nodeCount: 2,
      configVersion: 2,
      nodes: [
        { name: "pve1", nodeId: 1, ip: null, online: true, local: false },
        { name: "pve2", nodeId: 2, ip: null, online: true, local: true },
      ],
    };
    expect(apiAnswerer(apiView({ answeredBy: null, status }))).toBe("pve2");
    expect(apiAnswerer(apiView({ answeredBy: "pve1", status }))).toBe("pve1");
  });
});
