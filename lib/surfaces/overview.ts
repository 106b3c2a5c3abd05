import { byPriority } from "@/lib/health/evaluate";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { primaryQuorumView, type ClusterSummary } from "@/lib/health/summary";
import type { Finding } from "@/lib/health/types";
import { sectionData } from "@/lib/health/views";
import {
  enabledOn,
  expectedOcfs2Mounts,
  mountAt,
  ocfs2Volumes,
  storageUsage,
} from "@/lib/health/views-storage";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import { clusterState, type WallState } from "./cluster-state";
import { freshness, type Freshness } from "./freshness";
import { cephModel, type CephModel } from "./overview-ceph";
import { haModel, type HaModel } from "./overview-ha";
import { linkMatrix, type LinkMatrix } from "./overview-links";
import { linstorModel, type LinstorModel } from "./overview-linstor";
import { toOverviewWhatIf, type OverviewWhatIf } from "./overview-what-if";
import { toRebootModel, type RebootModel } from "./reboot-readiness";
import { type Tone, usageTone } from "./tone";
import { voteBar, type VoteBar } from "./vote-bar";

export { freshness, type Freshness } from "./freshness";

export interface VoteMath {
  quorate: boolean | null;
  expected: number | null;
  total: number | null;
  quorum: number | null;
  /** Votes that may still be lost before quorum is lost; null when unknown. */
  canLose: number | null;
  flags: string[];
  viewFrom: string | null;
  freshness: Freshness;
}

export interface QdeviceNodeView {
  node: string;
  flags: string[] | null;
  state: string | null;
  connected: boolean | null;
  castVote: boolean | null;
}

export interface QdeviceView {
  state: ClusterSummary["qdevice"];
  configured: boolean | null;
  host: string | null;
  algorithm: string | null;
  votes: number | null;
  perNode: QdeviceNodeView[];
}

export interface NodeRow {
  name: string;
  nodeId: number | null;
  online: boolean | null;
  votes: number | null;
  quorate: boolean | null;
  qdeviceFlags: string[] | null;
  kernel: string | null;
  clockOffsetMs: number | null;
  agent: Freshness;
}

export interface DrbdPeerView {
  peer: string;
  connectionState: string;
  peerRole: string | null;
  replicationState: string | null;
  peerDiskState: string | null;
  donePercent: number | null;
  /** Data the peer still lacks, summed over volumes; null when the tool did not print it. */
  outOfSyncBytes: number | null;
}

export interface DrbdNodeView {
  node: string;
  role: string | null;
  diskStates: string[];
  quorum: boolean | null;
  peers: DrbdPeerView[];
  freshness: Freshness;
}

export interface DrbdRow {
  resource: string;
  nodes: DrbdNodeView[];
}

export interface Ocfs2NodeView {
  node: string;
  mounted: boolean | null;
  readOnly: boolean | null;
  device: string | null;
  kernel: string | null;
  freshness: Freshness;
}

export interface Ocfs2Row {
  mountpoint: string;
  nodes: Ocfs2NodeView[];
}

export interface StorageNodeView {
  node: string;
  active: boolean | null;
  usedRatio: number | null;
  /** The fill level graded against the configured thresholds. */
  usageTone: Tone;
  freshness: Freshness;
}

export interface StorageRow {
  id: string;
  type: string;
  shared: boolean;
  nodes: StorageNodeView[];
}

/** The admin overview: everything the evaluation knows, each value with its age. */
export interface OverviewModel {
  clusterId: string;
  name: string;
  /** The wall's word for the whole cluster: OK, DEGRADED, CRITICAL or UNKNOWN. */
  state: WallState;
  takenAt: string;
  intervalMs: number;
  staleAfterMs: number;
  summary: ClusterSummary;
  findings: Finding[];
  api: Freshness & { answeredBy: string | null; version: string | null };
  votes: VoteMath;
  /** The same vote picture as the wall's. */
  voteBar: VoteBar;
  qdevice: QdeviceView;
  nodes: NodeRow[];
  drbd: DrbdRow[];
  ocfs2: Ocfs2Row[];
  storage: StorageRow[];
  /** Node × corosync link; null when no agent reports links. */
  links: LinkMatrix | null;
  /** Null when the cluster has no HA resources. */
  ha: HaModel | null;
  /** Null when the cluster has no Ceph. */
  ceph: CephModel | null;
  /** Null when no LINSTOR controller is asked. */
  linstor: LinstorModel | null;
  /** "Safe to reboot now?" per node, and the rolling upgrade's order. */
  reboot: RebootModel;
  /** If each node or the QDevice fails: does quorum hold, and what else breaks. */
  whatIf: OverviewWhatIf;
}

export function voteMath(snapshot: ClusterSnapshot, summary: ClusterSummary): VoteMath {
  const primary = primaryQuorumView(snapshot);
  const q = primary?.quorum;
  const canLose =
    q && q.quorate && q.totalVotes !== null && q.quorum !== null
      ? Math.max(0, q.totalVotes - q.quorum)
      : q?.quorate === false
        ? 0
        : null;
  return {
    quorate: summary.quorate,
    expected: summary.expectedVotes,
    total: summary.totalVotes,
    quorum: summary.quorum,
    canLose,
    flags: q?.flags ?? [],
    viewFrom: primary?.node.name ?? null,
    freshness: primary ? freshness(primary.node.agent) : { fresh: false, ageMs: null, error: null },
  };
}

export function qdeviceView(snapshot: ClusterSnapshot, summary: ClusterSummary): QdeviceView {
  const conf =
    snapshot.nodes.map((n) => sectionData(n, "corosyncConf")).find((c) => c !== null) ?? null;
  const apiQdevice = snapshot.api.fresh ? (snapshot.api.data?.qdevice ?? null) : null;
  return {
    state: summary.qdevice,
    configured: conf ? conf.qdevice !== null : null,
    host: conf?.qdevice?.host ?? apiQdevice?.qnetdHost ?? null,
    algorithm: conf?.qdevice?.algorithm ?? apiQdevice?.algorithm ?? null,
    votes: conf?.qdevice ? (conf.qdevice.votes ?? 1) : null,
    perNode: snapshot.nodes.map((node) => {
      const quorum = sectionData(node, "corosync");
      const tool = sectionData(node, "qdevice");
      return {
        node: node.name,
        flags: quorum?.members.find((m) => m.local)?.qdevice ?? null,
        state: tool?.state ?? null,
        connected: tool?.connected ?? null,
        castVote: tool?.castVote ?? null,
      };
    }),
  };
}

export function nodeRows(snapshot: ClusterSnapshot, summary: ClusterSummary): NodeRow[] {
  const primary = primaryQuorumView(snapshot);
  return snapshot.nodes.map((node) => {
    const member = primary?.quorum.members.find(
      (m) => m.name === node.name || (node.nodeId !== null && m.nodeId === node.nodeId),
    );
    const own = sectionData(node, "corosync");
    return {
      name: node.name,
      nodeId: node.nodeId,
      online: summary.nodes.find((n) => n.name === node.name)?.online ?? null,
      votes: member?.votes ?? null,
      quorate: own?.quorate ?? null,
      qdeviceFlags: member?.qdevice ?? null,
      kernel: node.agent.fresh ? (node.agent.data?.kernelRelease ?? null) : null,
      clockOffsetMs: node.clockOffsetMs,
      agent: freshness(node.agent),
    };
  });
}

function outOfSyncBytes(devices: readonly { outOfSyncKiB?: number | null }[]): number | null {
  const known = devices.flatMap((d) =>
    typeof d.outOfSyncKiB === "number" ? [d.outOfSyncKiB] : [],
  );
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) * 1024;
}

export function drbdRows(snapshot: ClusterSnapshot): DrbdRow[] {
  const rows = new Map<string, DrbdNodeView[]>();
  const present = (node: NodeSnapshot) => node.agent.data?.sections.drbd;
  for (const node of snapshot.nodes) {
    const section = present(node);
    if (section?.status !== "ok") continue;
    for (const resource of section.data.resources) {
      const views = rows.get(resource.name) ?? [];
      views.push({
        node: node.name,
        role: node.agent.fresh ? resource.role : null,
        diskStates: node.agent.fresh ? resource.devices.map((d) => d.diskState) : [],
        quorum: node.agent.fresh ? resource.quorum : null,
        peers: node.agent.fresh
          ? resource.connections.map((c) => {
              const pd = c.peerDevices[0];
              return {
                peer: c.peerName ?? (c.peerNodeId === null ? "peer" : `node ${c.peerNodeId}`),
                connectionState: c.connectionState,
                peerRole: c.peerRole,
                replicationState: pd?.replicationState ?? null,
                peerDiskState: pd?.peerDiskState ?? null,
                donePercent: c.peerDevices.find((p) => p.donePercent !== null)?.donePercent ?? null,
                outOfSyncBytes: outOfSyncBytes(c.peerDevices),
              };
            })
          : [],
        freshness: freshness(node.agent),
      });
      rows.set(resource.name, views);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([resource, nodes]) => ({ resource, nodes }));
}

export function ocfs2Rows(snapshot: ClusterSnapshot): Ocfs2Row[] {
  // The volumes mounted somewhere plus those a storage or a peer says a node should mount: the
  // same expectation `ocfs2.not-mounted` checks.
  const mountpoints = new Set([
    ...ocfs2Volumes(snapshot, () => true).map((v) => v.mountpoint),
    ...expectedOcfs2Mounts(snapshot).map((e) => e.mountpoint),
  ]);
  return [...mountpoints].sort().map((mountpoint) => ({
    mountpoint,
    nodes: snapshot.nodes.map((node) => {
      const mounts = sectionData(node, "mounts");
      const visible = mounts ? mountAt(mounts, mountpoint) : null;
      const entry = visible?.fsType === "ocfs2" ? visible : null;
      return {
        node: node.name,
        mounted: mounts ? entry !== null : null,
        readOnly: entry ? entry.readOnly : null,
        device: entry?.device ?? null,
        kernel: node.agent.fresh ? (node.agent.data?.kernelRelease ?? null) : null,
        freshness: freshness(node.agent),
      };
    }),
  }));
}

export function storageRows(snapshot: ClusterSnapshot): StorageRow[] {
  const defs = snapshot.api.data?.storages ?? [];
  return defs
    .filter((s) => !s.disabled)
    .map((def) => ({
      id: def.id,
      type: def.type,
      shared: def.shared,
      nodes: snapshot.nodes
        .filter((n) => enabledOn(def, n.name))
        .map((node) => {
          const status = node.storage.fresh
            ? (node.storage.data?.find((s) => s.storage === def.id) ?? null)
            : null;
          const ratio = status ? (storageUsage(status)?.ratio ?? null) : null;
          return {
            node: node.name,
            active: node.storage.fresh ? (status ? status.active : false) : null,
            usedRatio: ratio,
            usageTone: usageTone(ratio, snapshot.thresholds),
            freshness: freshness(node.storage),
          };
        }),
    }));
}

/** What the overview's browser code receives: derived tiles, never credentials. */
export function toOverviewModel(
  view: EvaluatedCluster,
  configuredName: string | null,
): OverviewModel {
  const { snapshot, summary } = view;
  const votes = voteMath(snapshot, summary);
  return {
    clusterId: snapshot.clusterId,
    name: configuredName ?? snapshot.clusterName ?? snapshot.clusterId,
    state: clusterState(view),
    takenAt: snapshot.takenAt,
    intervalMs: snapshot.intervalMs,
    staleAfterMs: snapshot.intervalMs * snapshot.thresholds.staleIntervals,
    summary,
    findings: byPriority(view.findings),
    api: {
      ...freshness(snapshot.api),
      answeredBy: snapshot.api.data?.answeredBy ?? null,
      version: snapshot.api.data?.version ?? null,
    },
    votes,
    voteBar: voteBar(snapshot, summary, votes),
    qdevice: qdeviceView(snapshot, summary),
    nodes: nodeRows(snapshot, summary),
    drbd: drbdRows(snapshot),
    ocfs2: ocfs2Rows(snapshot),
    storage: storageRows(snapshot),
    links: linkMatrix(snapshot),
    ha: haModel(snapshot),
    ceph: cephModel(snapshot),
    linstor: linstorModel(snapshot),
    reboot: toRebootModel(view),
    whatIf: toOverviewWhatIf(view),
  };
}
