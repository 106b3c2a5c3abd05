import { z } from "zod";
import { primaryQuorumView, type ClusterSummary } from "@/lib/health/summary";
import { sectionData } from "@/lib/health/views";
import type { ClusterSnapshot } from "@/lib/snapshot/types";

export const voterSchema = z.object({
  name: z.string(),
  kind: z.enum(["node", "qdevice"]),
  votes: z.number().int().nonnegative(),
  /** Counted in the cluster's votes now; null when no node's corosync view says. */
  voting: z.boolean().nullable(),
});
export type Voter = z.infer<typeof voterSchema>;

/** Every voter as a segment, the quorum line, and the margin: the picture of the vote arithmetic. */
export const voteBarSchema = z.object({
  quorate: z.boolean().nullable(),
  quorum: z.number().nullable(),
  canLose: z.number().nullable(),
  /** Voting first, then unknown, then silent, so the filled segments read against the quorum line. */
  voters: z.array(voterSchema),
  /** "2 of 3 votes, quorum 2, can lose 1", or what is unknown. */
  sentence: z.string(),
});
export type VoteBar = z.infer<typeof voteBarSchema>;

export interface VoteFigures {
  quorate: boolean | null;
  total: number | null;
  expected: number | null;
  quorum: number | null;
  canLose: number | null;
}

export function voteSentence(v: VoteFigures): string {
  if (v.total === null || v.expected === null || v.quorum === null) return "votes unknown";
  const margin =
    v.canLose === null
      ? "margin unknown"
      : v.quorate === false
        ? "NO QUORUM"
        : `can lose ${v.canLose}`;
  return `${v.total} of ${v.expected} votes, quorum ${v.quorum}, ${margin}`;
}

const ORDER = (v: Voter) => (v.voting === true ? 0 : v.voting === null ? 1 : 2);

/** The voters as corosync.conf lists them, each marked by whether the trusted view counts it. */
export function voters(snapshot: ClusterSnapshot, summary: ClusterSummary): Voter[] {
  const primary = primaryQuorumView(snapshot);
  const conf =
    snapshot.nodes.map((n) => sectionData(n, "corosyncConf")).find((c) => c !== null) ?? null;
  const listed = conf
    ? conf.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, votes: n.votes }))
    : snapshot.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, votes: null }));
  const out: Voter[] = listed.map((n) => {
    const member = primary?.quorum.members.find(
      (m) => m.name === n.name || (n.nodeId !== null && m.nodeId === n.nodeId),
    );
    return {
      name: n.name,
      kind: "node",
      votes: n.votes ?? member?.votes ?? 1,
      voting: primary ? member !== undefined && (member.votes ?? 1) > 0 : null,
    };
  });
  const configured = conf ? conf.qdevice !== null : summary.qdevice !== "unknown";
  if (configured && summary.qdevice !== "none") {
    const runtime = primary?.quorum.qdeviceVotes ?? null;
    out.push({
      name: "QDevice",
      kind: "qdevice",
      votes: runtime !== null && runtime > 0 ? runtime : (conf?.qdevice?.votes ?? 1),
      voting:
        summary.qdevice === "connected" ? true : summary.qdevice === "not-voting" ? false : null,
    });
  }
  return out.sort((a, b) => ORDER(a) - ORDER(b));
}

export function voteBar(
  snapshot: ClusterSnapshot,
  summary: ClusterSummary,
  figures: VoteFigures,
): VoteBar {
  return {
    quorate: figures.quorate,
    quorum: figures.quorum,
    canLose: figures.canLose,
    voters: voters(snapshot, summary),
    sentence: voteSentence(figures),
  };
}
