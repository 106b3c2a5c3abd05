import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import { sectionData } from "./views";

export type QdeviceSummary = "none" | "connected" | "not-voting" | "unknown";

export interface ClusterSummary {
  quorate: boolean | null;
  expectedVotes: number | null;
  totalVotes: number | null;
  quorum: number | null;
  qdevice: QdeviceSummary;
  nodes: { name: string; online: boolean | null }[];
}

/**
 * The corosync view the summary trusts: a quorate node's (lowest node id first), else any node's.
 * A node cut off from the rest reports only itself, so the quorate side speaks for the cluster.
 */
export function primaryQuorumView(
  snapshot: Pick<ClusterSnapshot, "nodes">,
): { node: NodeSnapshot; quorum: CorosyncQuorum } | null {
  const views = snapshot.nodes.flatMap((node) => {
    const quorum = sectionData(node, "corosync");
    return quorum ? [{ node, quorum }] : [];
  });
  return views.find((v) => v.quorum.quorate === true) ?? views[0] ?? null;
}

function qdeviceSummary(snapshot: ClusterSnapshot): QdeviceSummary {
  const confs = snapshot.nodes.flatMap((n) => {
    const conf = sectionData(n, "corosyncConf");
    return conf ? [conf] : [];
  });
  const apiQdevice = snapshot.api.fresh ? snapshot.api.data?.qdevice : undefined;
  if (confs.length === 0) {
    if (apiQdevice?.state === "Connected") return "connected";
    return "unknown";
  }
  if (!confs.some((c) => c.qdevice !== null)) return "none";
  const views = snapshot.nodes.flatMap((n) => {
    const quorum = sectionData(n, "corosync");
    return quorum ? [{ quorum, tool: sectionData(n, "qdevice") }] : [];
  });
  if (views.length === 0) return "unknown";
  const voting = views.every(({ quorum, tool }) => {
    const local = quorum.members.find((m) => m.local);
    const flags = local?.qdevice ?? [];
    const flagsOk = flags.length === 0 || (flags.includes("A") && flags.includes("V"));
    const votesOk = quorum.qdeviceVotes === null || quorum.qdeviceVotes > 0;
    const toolOk = tool === null || (tool.connected && tool.castVote !== false);
    return flagsOk && votesOk && toolOk && quorum.flags.includes("Qdevice");
  });
  return voting ? "connected" : "not-voting";
}

export function summarize(snapshot: ClusterSnapshot): ClusterSummary {
  const primary = primaryQuorumView(snapshot);
  const apiQuorate = snapshot.api.fresh ? (snapshot.api.data?.status?.quorate ?? null) : null;
  const votes = snapshot.nodes.flatMap((n) => {
    const q = sectionData(n, "corosync");
    return q?.quorate === undefined || q.quorate === null ? [] : [q.quorate];
  });
  if (apiQuorate !== null) votes.push(apiQuorate);
  const quorate = votes.includes(true) ? true : votes.includes(false) ? false : null;
  const memberNames = primary ? new Set(primary.quorum.members.map((m) => m.name)) : null;
  const memberIds = primary ? new Set(primary.quorum.members.map((m) => m.nodeId)) : null;
  return {
    quorate,
    expectedVotes: primary?.quorum.expectedVotes ?? null,
    totalVotes: primary?.quorum.totalVotes ?? null,
    quorum: primary?.quorum.quorum ?? null,
    qdevice: qdeviceSummary(snapshot),
    nodes: snapshot.nodes.map((node) => {
      let online: boolean | null = node.apiOnline;
      if (primary?.quorum.quorate === true && memberNames && memberIds) {
        online = memberNames.has(node.name) || (node.nodeId !== null && memberIds.has(node.nodeId));
      }
      return { name: node.name, online };
    }),
  };
}
