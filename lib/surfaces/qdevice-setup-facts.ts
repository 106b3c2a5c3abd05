import type { ReportSections } from "@/lib/agents/schema";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { freshReport, sectionData } from "@/lib/health/views";
import {
  clusterConf,
  configuredNodes,
  corosyncViews,
  nodeVotes,
  qdeviceConfigured,
  qdeviceVotes,
  type ConfView,
} from "@/lib/health/views-quorum";
import { formatAge } from "@/lib/format";
import type { CorosyncConf, CorosyncConfQdevice } from "@/lib/parsers/corosync-conf";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type { NodeSnapshot } from "@/lib/snapshot/types";

/** What one node's fresh agent report says about the things the wizard checks. */
export interface NodeFacts {
  name: string;
  address: string | null;
  votes: number;
  /** False when there is no fresh report: everything below is then null. */
  reporting: boolean;
  /** Why nothing fresh is known about this node, in plain words. */
  silence: string;
  online: boolean | null;
  quorum: CorosyncQuorum | null;
  /** This node's own corosync.conf. */
  conf: CorosyncConf | null;
  qdeviceSection: ReportSections["qdevice"] | null;
}

export interface ClusterFacts {
  nodes: NodeFacts[];
  /** False when neither corosync.conf nor the API lists the nodes. */
  nodesKnown: boolean;
  conf: ConfView | null;
  device: CorosyncConfQdevice | null;
  configured: boolean | null;
  nodeVotes: number;
  /** Votes the QDevice has or would get: its configured votes, else 1 (ffsplit) or nodes - 1 (lms). */
  deviceVotes: number;
  even: boolean;
  /** Where the first node runs `pvecm qdevice setup`/`remove`. */
  firstNode: string;
}

function silence(node: NodeSnapshot | undefined): string {
  if (!node) return "no agent report (this node is not among the polled nodes)";
  const { agent } = node;
  const why = agent.error ? `${agent.error.kind}: ${agent.error.message}` : "no answer yet";
  const age = agent.ageMs === null ? "never answered" : `last report ${formatAge(agent.ageMs)} old`;
  return `no fresh agent report (${why}; ${age})`;
}

export function gatherFacts({ snapshot, summary }: EvaluatedCluster): ClusterFacts {
  const conf = clusterConf(snapshot);
  const listed = configuredNodes(snapshot);
  const names = listed ?? snapshot.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, votes: 1 }));
  const nodes = names.map(({ name, votes }): NodeFacts => {
    const node = snapshot.nodes.find((n) => n.name === name);
    const report = node ? freshReport(node) : null;
    const ring0 = conf?.conf.nodes.find((n) => n.name === name)?.addrs[0] ?? null;
    return {
      name,
      address: node?.ip ?? ring0,
      votes: votes ?? 1,
      reporting: report !== null,
      silence: silence(node),
      online: summary.nodes.find((n) => n.name === name)?.online ?? null,
      quorum: node ? sectionData(node, "corosync") : null,
      conf: node ? sectionData(node, "corosyncConf") : null,
      qdeviceSection: report?.sections.qdevice ?? null,
    };
  });
  const views = corosyncViews(snapshot);
  const total = conf ? nodeVotes(conf.conf) : nodes.reduce((sum, n) => sum + n.votes, 0);
  const even = nodes.length % 2 === 0;
  const device = conf?.conf.qdevice ?? null;
  return {
    nodes,
    nodesKnown: listed !== null,
    conf,
    device,
    configured: qdeviceConfigured(snapshot, views),
    nodeVotes: total,
    deviceVotes:
      conf && device ? qdeviceVotes(conf.conf, views) : even ? 1 : Math.max(1, total - 1),
    even,
    firstNode: nodes[0]?.name ?? "one node",
  };
}

/** The host corosync.conf's quorum.device points at, or a node's qdevice tool reports. */
export function configuredHost(facts: ClusterFacts): string | null {
  if (facts.device?.host) return facts.device.host;
  for (const node of facts.nodes) {
    const section = node.qdeviceSection;
    const host = section?.status === "ok" ? section.data.qnetdHost : null;
    if (host) return host.replace(/:5403$/, "");
  }
  return null;
}
