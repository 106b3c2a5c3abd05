import type { CorosyncConf, CorosyncConfQdevice } from "@/lib/parsers/corosync-conf";
import { parseCorosyncQuorumtool } from "@/lib/parsers/corosync-quorumtool";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { corosyncConf, makeSnapshot, node, ok, quorum, report } from "../test-helpers";

/** `corosync-quorumtool` output captured in the lab, through the product's own parser. */
export function lab(file: string): CorosyncQuorum {
  return parsedValue(parseCorosyncQuorumtool(readFixture(`corosync-cli/lab/${file}`)));
}

/** The lab's QDevice as corosync.conf configures it. */
export const QDEVICE: CorosyncConfQdevice = {
  model: "net",
  host: "10.213.7.100",
  algorithm: "ffsplit",
  tls: "off",
  votes: 1,
  port: null,
  tieBreaker: null,
};

export const twoNodes = corosyncConf(["pve1", "pve2"]);
export const twoNodesQdevice = corosyncConf(["pve1", "pve2"], { qdevice: QDEVICE });

/** What pve3 reports once it is cut off from a three-node cluster. */
export const pve3CutOff = quorum({
  quorate: false,
  ringId: "3.e",
  expectedVotes: 3,
  totalVotes: 1,
  quorum: 2,
  activityBlocked: true,
  flags: [],
  members: [{ nodeId: 3, name: "pve3", local: true }],
});

/** A snapshot in which only pve1 reports, with this quorum view and (unless null) corosync.conf. */
export function cluster(q: CorosyncQuorum, conf: CorosyncConf | null): ClusterSnapshot {
  return makeSnapshot({
    nodes: [
      node("pve1", {
        report: report("pve1", { corosync: ok(q), ...(conf ? { corosyncConf: ok(conf) } : {}) }),
      }),
    ],
  });
}

/** A snapshot whose nodes pve1, pve2... each report one of these corosync.conf files. */
export function withConf(...confs: CorosyncConf[]): ClusterSnapshot {
  return makeSnapshot({
    nodes: confs.map((conf, i) =>
      node(`pve${i + 1}`, { report: report(`pve${i + 1}`, { corosyncConf: ok(conf) }) }),
    ),
  });
}
