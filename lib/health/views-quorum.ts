import type { CorosyncConf } from "@/lib/parsers/corosync-conf";
import type { CorosyncMember, CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type { ApiView, ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import { listNames, plural, sectionData } from "./views";

/** One node's own corosync-quorumtool view, from its fresh report. */
export interface CorosyncView {
  node: NodeSnapshot;
  quorum: CorosyncQuorum;
}

export interface ConfView {
  node: NodeSnapshot;
  conf: CorosyncConf;
}

export interface ConfiguredNode {
  name: string;
  nodeId: number | null;
  votes: number | null;
}

/** Fresh corosync views in snapshot node order; stale or absent sections are left out. */
export function corosyncViews(snapshot: Pick<ClusterSnapshot, "nodes">): CorosyncView[] {
  return snapshot.nodes.flatMap((node) => {
    const quorum = sectionData(node, "corosync");
    return quorum ? [{ node, quorum }] : [];
  });
}

/** Views that print a membership list (`-s` output), the only ones that can be compared. */
export function membershipViews(views: readonly CorosyncView[]): CorosyncView[] {
  return views.filter((v) => v.quorum.members.length > 0);
}

/** The newest corosync.conf a fresh agent read: highest config_version, then node order. */
export function clusterConf(snapshot: Pick<ClusterSnapshot, "nodes">): ConfView | null {
  let best: ConfView | null = null;
  for (const node of snapshot.nodes) {
    const conf = sectionData(node, "corosyncConf");
    if (!conf) continue;
    if (best === null || (conf.configVersion ?? -1) > (best.conf.configVersion ?? -1))
      best = { node, conf };
  }
  return best;
}

/** The node's own corosync.conf when fresh, else the cluster's newest one. */
export function confFor(node: NodeSnapshot, fallback: ConfView | null): CorosyncConf | null {
  return sectionData(node, "corosyncConf") ?? fallback?.conf ?? null;
}

/** Configured nodes: corosync.conf's nodelist, else the API's /cluster/config/nodes; null when neither is known. */
export function configuredNodes(
  snapshot: Pick<ClusterSnapshot, "nodes" | "api">,
): ConfiguredNode[] | null {
  const conf = clusterConf(snapshot);
  if (conf) return conf.conf.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, votes: n.votes }));
  const apiNodes = snapshot.api.fresh ? snapshot.api.data?.configNodes : null;
  if (apiNodes) return apiNodes.map((n) => ({ name: n.name, nodeId: n.nodeId, votes: n.votes }));
  return null;
}

/**
 * The quorate partition's view: most members, then most total votes, then node order.
 * Null when no answering node is quorate.
 */
export function majorityView(views: readonly CorosyncView[]): CorosyncView | null {
  let best: CorosyncView | null = null;
  for (const view of membershipViews(views)) {
    if (view.quorum.quorate !== true) continue;
    if (
      best === null ||
      view.quorum.members.length > best.quorum.members.length ||
      (view.quorum.members.length === best.quorum.members.length &&
        (view.quorum.totalVotes ?? 0) > (best.quorum.totalVotes ?? 0))
    ) {
      best = view;
    }
  }
  return best;
}

/** Member node ids, sorted, as a comparable key. */
export function membershipKey(quorum: CorosyncQuorum): string {
  return quorum.members
    .map((m) => m.nodeId)
    .sort((a, b) => a - b)
    .join(",");
}

/** A member's node name: corosync.conf's name for its id (`-i` output prints addresses), else as printed. */
export function memberName(
  member: Pick<CorosyncMember, "nodeId" | "name">,
  conf: CorosyncConf | null,
): string {
  return conf?.nodes.find((n) => n.nodeId === member.nodeId)?.name ?? member.name;
}

export function isMember(
  quorum: CorosyncQuorum,
  node: Pick<ConfiguredNode, "name" | "nodeId">,
  conf: CorosyncConf | null,
): boolean {
  return quorum.members.some((m) =>
    node.nodeId !== null ? m.nodeId === node.nodeId : memberName(m, conf) === node.name,
  );
}

/** "pve1 and pve2" or "only pve3" (when a node sees nothing but itself). */
export function describeMembers(view: CorosyncView, conf: CorosyncConf | null): string {
  const names = view.quorum.members.map((m) => memberName(m, conf));
  if (names.length === 1 && names[0] === view.node.name) return `only ${view.node.name}`;
  return listNames(names);
}

/** "Expected votes 2, Total votes 1, Quorum 2, Activity blocked" as corosync-quorumtool prints them. */
export function voteNumbers(quorum: CorosyncQuorum): string {
  const parts: string[] = [];
  if (quorum.expectedVotes !== null) parts.push(`Expected votes ${quorum.expectedVotes}`);
  if (quorum.totalVotes !== null) parts.push(`Total votes ${quorum.totalVotes}`);
  if (quorum.quorum !== null) parts.push(`Quorum ${quorum.quorum}`);
  if (quorum.activityBlocked) parts.push("Activity blocked");
  return parts.join(", ");
}

/** Whether a QDevice is configured: corosync.conf decides; without it, a registered device proves one. */
export function qdeviceConfigured(
  snapshot: Pick<ClusterSnapshot, "nodes" | "api">,
  views: readonly CorosyncView[],
): boolean | null {
  const conf = clusterConf(snapshot);
  if (conf) return conf.conf.qdevice !== null;
  // `{}` from /cluster/config/qdevice means "none" or "daemon down", so only a filled answer counts.
  if (views.some((v) => v.quorum.qdeviceName !== null || v.quorum.flags.includes("Qdevice")))
    return true;
  if (snapshot.api.fresh && snapshot.api.data?.qdevice) return true;
  return null;
}

/**
 * Votes the QDevice is configured with: quorum.device.votes, else what corosync reports for it,
 * else votequorum's default (sum of node votes minus one).
 */
export function qdeviceVotes(conf: CorosyncConf, views: readonly CorosyncView[]): number {
  if (conf.qdevice?.votes != null) return conf.qdevice.votes;
  const reported = views
    .map((v) => v.quorum.qdeviceConfiguredVotes)
    .find((v): v is number => v !== null);
  if (reported !== undefined) return reported;
  return Math.max(1, nodeVotes(conf) - 1);
}

export function nodeVotes(conf: CorosyncConf): number {
  return conf.nodes.reduce((sum, n) => sum + n.votes, 0);
}

/** What expected votes should be: every configured node's votes plus the QDevice's. */
export function configuredTotalVotes(conf: CorosyncConf, views: readonly CorosyncView[]): number {
  return nodeVotes(conf) + (conf.qdevice ? qdeviceVotes(conf, views) : 0);
}

/** "2 nodes × 1 vote + QDevice 1 vote" style breakdown of the configured total. */
export function describeConfiguredVotes(
  conf: CorosyncConf,
  views: readonly CorosyncView[],
): string {
  const uniform = conf.nodes.every((n) => n.votes === conf.nodes[0]?.votes);
  const nodesPart =
    uniform && conf.nodes[0]
      ? `${plural(conf.nodes.length, "node")} × ${plural(conf.nodes[0].votes, "vote")}`
      : `node votes ${conf.nodes.map((n) => `${n.name} ${n.votes}`).join(", ")}`;
  return conf.qdevice
    ? `${nodesPart} + QDevice ${plural(qdeviceVotes(conf, views), "vote")}`
    : nodesPart;
}

/** The node whose local view the API answer is: answeredBy, else the `local` entry of /cluster/status. */
export function apiAnswerer(api: ApiView): string | null {
  return api.answeredBy ?? api.status?.nodes.find((n) => n.local)?.name ?? null;
}

/** "The Proxmox API (answered by pve1)" */
export function apiSource(api: ApiView): string {
  const by = apiAnswerer(api);
  return `The Proxmox API${by ? ` (answered by ${by})` : ""}`;
}
