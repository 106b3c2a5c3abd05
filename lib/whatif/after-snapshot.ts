import type { AgentReport, LinksData, ReportSections } from "@/lib/agents/schema";
import { drbdResources, nodeForHost } from "@/lib/health/views-drbd";
import { apiAnswerer } from "@/lib/health/views-quorum";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type { DrbdResource, DrbdStatus } from "@/lib/parsers/drbd-types";
import type { QdeviceStatus } from "@/lib/parsers/corosync-qdevice-tool";
import type { ApiView, ClusterSnapshot, NodeSnapshot, SourceState } from "@/lib/snapshot/types";
import type { AfterPartition } from "./apply";
import type { VotequorumOutcome } from "./votequorum";

/** One partition after the failures, with its votequorum outcome and whether the QDevice votes for it. */
export interface DecidedPartition extends AfterPartition {
  outcome: VotequorumOutcome;
  qdeviceVote: boolean;
}

export interface AfterInput {
  failedNodes: ReadonlySet<string>;
  failedLinks: ReadonlySet<number>;
  /** The QDevice failed, or qnetd is out of reach of every node. */
  qdeviceGone: boolean;
  qdeviceVotes: number | null;
  partitions: DecidedPartition[];
}

function gone<T>(at: string): SourceState<T> {
  return {
    data: null,
    fetchedAt: null,
    ageMs: null,
    fresh: false,
    error: { kind: "timeout", message: "no answer within the deadline", at },
  };
}

function nextRingId(ringId: string | null, lowest: number): string {
  const seq = ringId === null ? 0 : Number.parseInt(ringId.split(".")[1] ?? "0", 16) || 0;
  return `${lowest}.${(seq + 4).toString(16)}`;
}

function quorumFor(
  node: NodeSnapshot,
  old: CorosyncQuorum,
  part: DecidedPartition,
  input: AfterInput,
): CorosyncQuorum {
  const { outcome } = part;
  const ids = part.members.map((m) => m.nodeId);
  const hasQdevice = input.qdeviceVotes !== null;
  const members = [...part.members]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((m) => {
      let qdevice = m.qdeviceFlags;
      if (qdevice && hasQdevice) {
        const alive = input.qdeviceGone ? qdevice.filter((f) => f !== "A" && f !== "NA") : qdevice;
        qdevice = alive.map((f) => (f === "V" || f === "NV" ? (part.qdeviceVote ? "V" : "NV") : f));
      }
      const local = m.nodeId === (old.nodeId ?? node.nodeId);
      return { nodeId: m.nodeId, votes: m.votes, name: m.name, local, qdevice };
    });
  const flags = old.flags.filter((f) => f !== "Quorate");
  return {
    ...old,
    nodeCount: part.members.length,
    ringId: nextRingId(old.ringId, Math.min(...ids)),
    quorate: outcome.quorate,
    expectedVotes: outcome.expectedVotes,
    highestExpected: outcome.expectedVotes,
    totalVotes: outcome.totalVotes,
    quorum: outcome.quorum,
    activityBlocked: !outcome.quorate,
    flags: outcome.quorate ? ["Quorate", ...flags] : flags,
    members,
    qdeviceVotes: hasQdevice ? (part.qdeviceVote ? input.qdeviceVotes : 0) : old.qdeviceVotes,
    qdeviceConfiguredVotes: hasQdevice ? input.qdeviceVotes : old.qdeviceConfiguredVotes,
  };
}

function qdeviceFor(old: QdeviceStatus, part: DecidedPartition, input: AfterInput): QdeviceStatus {
  if (input.qdeviceGone)
    return { ...old, state: "Connect failed", connected: false, castVote: false };
  return { ...old, castVote: part.qdeviceVote };
}

function linksFor(old: LinksData, cutIds: ReadonlySet<number>, input: AfterInput): LinksData {
  const down = (peerId: number | null, linkId: number) =>
    input.failedLinks.has(linkId) || (peerId !== null && cutIds.has(peerId));
  return {
    cfgtool: old.cfgtool && {
      ...old.cfgtool,
      links: old.cfgtool.links.map((link) => ({
        ...link,
        peers: link.peers.map((p) =>
          !p.local && down(p.nodeId, link.linkId)
            ? { ...p, status: "disconnected", connected: false }
            : p,
        ),
      })),
    },
    stats: old.stats && {
      ...old.stats,
      nodes: old.stats.nodes.map((n) => ({
        ...n,
        links: n.links.map((l) =>
          n.nodeId !== old.cfgtool?.localNodeId && down(n.nodeId, l.linkId)
            ? { ...l, connected: false }
            : l,
        ),
      })),
    },
  };
}

type PeerOf = (node: string, resource: string, peerName: string | null) => string | null;

// The what-if of every node of a view starts from the same snapshot: resolve its peers once.
const peersOf = new WeakMap<ClusterSnapshot, PeerOf>();

/** Resolves a DRBD peer to a node: by host name, else (DRBD 8.4 prints "peer" or nothing) the other of two holders. */
function drbdPeers(snapshot: ClusterSnapshot): PeerOf {
  const known = peersOf.get(snapshot);
  if (known) return known;
  const holders = new Map(
    drbdResources(snapshot).map((v) => [v.name, v.holders.map((h) => h.node.name)]),
  );
  const peerOf: PeerOf = (node, resource, peerName) => {
    const named = peerName === null ? undefined : nodeForHost(peerName, snapshot.nodes);
    if (named) return named;
    const names = holders.get(resource) ?? [];
    return names.length === 2 ? (names.find((n) => n !== node) ?? null) : null;
  };
  peersOf.set(snapshot, peerOf);
  return peerOf;
}

/** DRBD's view once a peer is gone: the connection retries, the peer's role and disk are unknown. */
function drbdFor(
  node: string,
  old: DrbdStatus,
  failed: ReadonlySet<string>,
  peerOf: PeerOf,
): DrbdStatus {
  const waiting = old.source === "proc-drbd" ? "WFConnection" : "Connecting";
  return {
    ...old,
    resources: old.resources.map((r): DrbdResource => {
      const lost = (peer: string | null) => {
        const name = peerOf(node, r.name, peer);
        return name !== null && failed.has(name);
      };
      if (!r.connections.some((c) => lost(c.peerName))) return r;
      const connections = r.connections.map((c) =>
        lost(c.peerName)
          ? {
              ...c,
              connectionState: waiting,
              peerRole: "Unknown",
              peerDevices: c.peerDevices.map((d) => ({
                ...d,
                replicationState: "Off",
                peerDiskState: "DUnknown",
                donePercent: null,
              })),
            }
          : c,
      );
      // DRBD 9's quorum is a majority of the resource's nodes; a tie is left as not known.
      let quorum = r.quorum;
      if (r.quorum === true) {
        const reachable = 1 + connections.filter((c) => c.connectionState === "Connected").length;
        const all = 1 + connections.length;
        quorum = reachable * 2 > all ? true : reachable * 2 < all ? false : null;
      }
      return {
        ...r,
        quorum,
        devices: r.devices.map((d) =>
          d.quorum === true && quorum !== true ? { ...d, quorum } : d,
        ),
        connections,
      };
    }),
  };
}

function withSection<K extends keyof ReportSections>(
  sections: ReportSections,
  name: K,
  change: (
    data: Extract<ReportSections[K], { status: "ok" }>["data"],
  ) => Extract<ReportSections[K], { status: "ok" }>["data"],
): ReportSections {
  const section = sections[name];
  if (section.status !== "ok") return sections;
  return { ...sections, [name]: { ...section, data: change(section.data) } };
}

function apiFor(
  api: ApiView,
  input: AfterInput,
  partitionOf: (name: string) => DecidedPartition | undefined,
): ApiView {
  const best = input.partitions.find((p) => p.outcome.quorate) ?? input.partitions[0] ?? null;
  const current = apiAnswerer(api);
  const stays = current !== null && !input.failedNodes.has(current) && partitionOf(current);
  // With its node gone the dashboard asks the next configured API address: a surviving node.
  const answerer = stays ? current : (best?.members[0]?.name ?? null);
  if (answerer === null) return api;
  const part = partitionOf(answerer);
  const online = (name: string) => part?.members.some((m) => m.name === name) ?? false;
  const quorate = part?.outcome.quorate ?? false;
  return {
    ...api,
    answeredBy: stays ? api.answeredBy : answerer,
    status: api.status && {
      ...api.status,
      quorate,
      nodes: api.status.nodes.map((n) => ({
        ...n,
        online: online(n.name),
        local: n.name === answerer,
      })),
    },
    nodes: api.nodes && api.nodes.map((n) => ({ ...n, online: online(n.name) })),
    ha: api.ha && api.ha.map((e) => (e.type === "quorum" ? { ...e, node: answerer, quorate } : e)),
    haManager: api.haManager && {
      ...api.haManager,
      quorum: api.haManager.quorum && { node: answerer, quorate },
    },
  };
}

/** The snapshot as the dashboard would read it after the failures, for the same rules to judge. */
export function afterSnapshot(snapshot: ClusterSnapshot, input: AfterInput): ClusterSnapshot {
  const partitionOf = (name: string) =>
    input.partitions.find((p) => p.members.some((m) => m.name === name));
  const failedIds = new Set(
    snapshot.nodes.filter((n) => input.failedNodes.has(n.name)).flatMap((n) => n.nodeId ?? []),
  );
  for (const p of input.partitions) {
    for (const m of p.from.members) if (input.failedNodes.has(m.name)) failedIds.add(m.nodeId);
  }

  const peerOf = input.failedNodes.size > 0 ? drbdPeers(snapshot) : null;
  const nodes = snapshot.nodes.map((node): NodeSnapshot => {
    if (input.failedNodes.has(node.name)) {
      return {
        ...node,
        apiOnline: snapshot.api.fresh ? false : null,
        agent: gone(snapshot.takenAt),
        storage: gone(snapshot.takenAt),
        clockOffsetMs: null,
      };
    }
    const report: AgentReport | null = node.agent.fresh ? node.agent.data : null;
    const part = partitionOf(node.name);
    if (!report || !part) return node;
    // Peers outside this node's partition are unreachable from it on every link.
    const cutIds = new Set(failedIds);
    for (const p of input.partitions) {
      if (p !== part) for (const m of p.members) cutIds.add(m.nodeId);
    }
    let sections = report.sections;
    sections = withSection(sections, "corosync", (q) => quorumFor(node, q, part, input));
    sections = withSection(sections, "qdevice", (t) => qdeviceFor(t, part, input));
    sections = withSection(sections, "links", (l) => linksFor(l, cutIds, input));
    if (peerOf) {
      sections = withSection(sections, "drbd", (d) =>
        drbdFor(node.name, d, input.failedNodes, peerOf),
      );
    }
    return { ...node, agent: { ...node.agent, data: { ...report, sections } } };
  });

  const api = snapshot.api;
  return {
    ...snapshot,
    nodes,
    api: api.fresh && api.data ? { ...api, data: apiFor(api.data, input, partitionOf) } : api,
  };
}
