import { formatAge } from "@/lib/format";
import { sectionData } from "@/lib/health/views";
import {
  clusterConf,
  corosyncViews,
  membershipKey,
  membershipViews,
  memberName,
  type CorosyncView,
} from "@/lib/health/views-quorum";
import type { CorosyncConf } from "@/lib/parsers/corosync-conf";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import {
  readAlgorithm,
  readTieBreaker,
  type QdeviceAlgorithm,
  type TieBreaker,
  type VoteNode,
  type VotequorumState,
} from "./votequorum";

export interface ModelMember extends VoteNode {
  /** The member's Qdevice column as its partition's view prints it (A, V, NMW...), or null. */
  qdeviceFlags: string[] | null;
  /** Whether this member's corosync-qdevice is connected to qnetd now. */
  qnetdConnected: boolean;
}

/** One corosync membership as a fresh view reports it. */
export interface ModelPartition {
  /** The node whose corosync-quorumtool view describes it. */
  view: CorosyncView;
  members: ModelMember[];
  state: VotequorumState;
  /** The QDevice's votes counted in this partition now. */
  qdeviceVotes: number;
}

export interface ModelQdevice {
  votes: number;
  algorithm: QdeviceAlgorithm | null;
  tieBreaker: TieBreaker;
  host: string | null;
}

/** Votes, memberships and the QDevice as the fresh corosync views show them. */
export interface VoteModel {
  conf: CorosyncConf | null;
  /** Every configured voter: corosync.conf's nodelist, else the members the views list. */
  configured: VoteNode[];
  partitions: ModelPartition[];
  qdevice: ModelQdevice | null;
  /** null when it cannot be told whether a QDevice is configured. */
  qdeviceConfigured: boolean | null;
}

export type ModelReading = { ok: true; model: VoteModel } | { ok: false; because: string[] };

function agentState(node: NodeSnapshot): string {
  const { agent } = node;
  if (agent.fresh) return `${node.name}'s corosync-quorumtool answer could not be read`;
  if (agent.data && agent.ageMs !== null)
    return `${node.name}'s last report is ${formatAge(agent.ageMs)} old`;
  if (agent.error) return `${node.name}'s agent does not answer (${agent.error.message})`;
  return `${node.name}'s agent has not answered yet`;
}

function quorumSection(conf: CorosyncConf | null): Record<string, string> {
  return conf?.sections.find((s) => s.name === "quorum")?.entries ?? {};
}

function tieBreakerNode(
  conf: CorosyncConf | null,
  flags: readonly string[],
  members: readonly { nodeId: number }[],
): number | null {
  const quorum = quorumSection(conf);
  const on = flags.includes("AutoTieBreaker") || quorum.auto_tie_breaker === "1";
  if (!on || members.length === 0) return null;
  const ids = members.map((m) => m.nodeId);
  const setting = (quorum.auto_tie_breaker_node ?? "lowest").trim();
  if (setting === "highest") return Math.max(...ids);
  if (setting === "lowest") return Math.min(...ids);
  // A list: the first listed node that is a member.
  const listed = setting.split(/\s+/).map(Number);
  return listed.find((id) => ids.includes(id)) ?? null;
}

/**
 * Reads the vote model. Every node joins the partition of its own fresh view, else of the first
 * view that lists it; a configured node no fresh view lists is down or cut off (no votes here).
 */
export function readVoteModel(snapshot: ClusterSnapshot): ModelReading {
  const known = readings.get(snapshot);
  if (known) return known;
  const reading = read(snapshot);
  readings.set(snapshot, reading);
  return reading;
}

// Snapshots are never changed once built, so one reading serves every what-if on them.
const readings = new WeakMap<ClusterSnapshot, ModelReading>();

function read(snapshot: ClusterSnapshot): ModelReading {
  const views = membershipViews(corosyncViews(snapshot));
  if (views.length === 0) {
    const reasons = snapshot.nodes.map(agentState);
    return {
      ok: false,
      because: [
        `No fresh corosync membership is known${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}.`,
      ],
    };
  }
  const conf = clusterConf(snapshot)?.conf ?? null;
  const because: string[] = [];

  const byKey = new Map<string, CorosyncView>();
  for (const v of views)
    if (!byKey.has(membershipKey(v.quorum))) byKey.set(membershipKey(v.quorum), v);
  const home = new Map<number, string>();
  for (const v of views) {
    const own = v.quorum.members.find((m) => m.local)?.nodeId ?? v.quorum.nodeId;
    if (own !== null && own !== undefined) home.set(own, membershipKey(v.quorum));
  }
  for (const v of views) {
    for (const m of v.quorum.members)
      if (!home.has(m.nodeId)) home.set(m.nodeId, membershipKey(v.quorum));
  }

  const confVotes = new Map(conf?.nodes.map((n) => [n.nodeId, n.votes]) ?? []);
  const confQdevice = conf?.qdevice ?? null;
  const partitions: ModelPartition[] = [];
  for (const [key, view] of byKey) {
    const q = view.quorum;
    if (q.expectedVotes === null || q.quorum === null) {
      because.push(
        `${view.node.name}'s corosync-quorumtool output lacks expected votes or quorum.`,
      );
      continue;
    }
    const qdeviceVotes = q.qdeviceVotes ?? 0;
    const members: ModelMember[] = q.members
      .filter((m) => m.nodeId !== 0 && home.get(m.nodeId) === key)
      .map((m) => {
        const node = snapshot.nodes.find(
          (n) => n.nodeId === m.nodeId || n.name === memberName(m, conf),
        );
        const tool = node ? sectionData(node, "qdevice") : null;
        const flags = m.qdevice;
        return {
          name: memberName(m, conf),
          nodeId: m.nodeId,
          votes: m.votes ?? confVotes.get(m.nodeId) ?? 1,
          qdeviceFlags: flags,
          qnetdConnected:
            tool?.connected === true || (qdeviceVotes > 0 && (flags?.includes("V") ?? false)),
        };
      });
    const masterWins = members.some((m) => m.qdeviceFlags?.includes("MW") ?? false);
    partitions.push({
      view,
      members,
      qdeviceVotes,
      state: {
        expectedVotes: q.expectedVotes,
        quorum: q.quorum,
        quorate: q.quorate === true,
        membersBefore: q.members.length,
        twoNode: q.flags.includes("2Node") || (conf?.twoNode ?? false),
        waitForAll: q.flags.includes("WaitForAll") || (conf?.waitForAll ?? false),
        tieBreakerNodeId: tieBreakerNode(conf, q.flags, q.members),
        masterWins,
      },
    });
  }
  if (because.length > 0) return { ok: false, because };

  const configured: VoteNode[] = conf
    ? conf.nodes.flatMap((n) =>
        n.nodeId === null ? [] : [{ name: n.name, nodeId: n.nodeId, votes: n.votes }],
      )
    : partitions.flatMap((p) =>
        p.members.map(({ name, nodeId, votes }) => ({ name, nodeId, votes })),
      );

  const reported = views.find(
    (v) => v.quorum.qdeviceName !== null || v.quorum.flags.includes("Qdevice"),
  );
  const qdeviceConfigured = conf ? conf.qdevice !== null : reported ? true : null;
  let qdevice: ModelQdevice | null = null;
  if (qdeviceConfigured) {
    const tool =
      snapshot.nodes.map((n) => sectionData(n, "qdevice")).find((t) => t !== null) ?? null;
    const votes =
      confQdevice?.votes ??
      views.map((v) => v.quorum.qdeviceConfiguredVotes).find((v) => v !== null) ??
      views.map((v) => v.quorum.qdeviceVotes).find((v) => v !== null && v > 0) ??
      null;
    if (votes === null) {
      return {
        ok: false,
        because: [
          "The QDevice's votes are known neither from corosync.conf nor from corosync-quorumtool.",
        ],
      };
    }
    qdevice = {
      votes,
      algorithm: readAlgorithm(confQdevice?.algorithm ?? tool?.algorithm ?? null),
      tieBreaker: readTieBreaker(confQdevice?.tieBreaker ?? tool?.tieBreaker ?? null),
      host: confQdevice?.host ?? tool?.qnetdHost?.replace(/:\d+$/, "") ?? null,
    };
  }
  return { ok: true, model: { conf, configured, partitions, qdevice, qdeviceConfigured } };
}
