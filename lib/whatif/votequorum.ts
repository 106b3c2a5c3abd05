/** A voter in corosync's nodelist. */
export interface VoteNode {
  name: string;
  nodeId: number;
  votes: number;
}

/** What one partition's votequorum knows before the change: its runtime numbers and flags. */
export interface VotequorumState {
  expectedVotes: number;
  quorum: number;
  quorate: boolean;
  /** Members before the change, for auto_tie_breaker's "the other side might be quorate" check. */
  membersBefore: number;
  twoNode: boolean;
  waitForAll: boolean;
  /** The node auto_tie_breaker favours (lowest, highest or a listed id); null when it is off. */
  tieBreakerNodeId: number | null;
  /** quorum.device.master_wins: a partition the QDevice votes for is quorate whatever the count. */
  masterWins: boolean;
}

export interface VotequorumOutcome {
  totalVotes: number;
  expectedVotes: number;
  quorum: number;
  quorate: boolean;
  /** Why quorate differs from `totalVotes >= quorum`, when it does. */
  because: "two-node" | "auto-tie-breaker" | "master-wins" | "wait-for-all" | null;
}

const half = (votes: number) => Math.floor(votes / 2);

/**
 * Quorum of a partition after members left, as votequorum's calculate_quorum and are_we_quorate
 * compute it: expected votes never drop when nodes leave (only `-e` or last_man_standing lower
 * them), quorum is (expected + 2) / 2 and never decreases, two_node sets it to 1 while at most two
 * voters (the QDevice counts) remain.
 */
export function votequorum(
  state: VotequorumState,
  members: readonly VoteNode[],
  qdeviceVotes: number,
): VotequorumOutcome {
  const totalVotes = members.reduce((sum, m) => sum + m.votes, 0) + qdeviceVotes;
  const voters = members.length + (qdeviceVotes > 0 ? 1 : 0);
  const expectedVotes = Math.max(state.expectedVotes, totalVotes);
  let quorum = Math.max(state.quorum, half(expectedVotes) + 1, half(totalVotes) + 1);
  let because: VotequorumOutcome["because"] = null;
  if (state.twoNode && voters <= 2) {
    quorum = 1;
    because = "two-node";
  }
  // wait_for_all only holds back a partition that is already waiting (not quorate).
  if (state.waitForAll && !state.quorate && totalVotes !== expectedVotes) {
    return { totalVotes, expectedVotes, quorum, quorate: false, because: "wait-for-all" };
  }
  let quorate = totalVotes >= quorum;
  if (
    !quorate &&
    state.tieBreakerNodeId !== null &&
    totalVotes === half(expectedVotes) &&
    state.membersBefore - members.length < quorum &&
    members.some((m) => m.nodeId === state.tieBreakerNodeId)
  ) {
    quorate = true;
    because = "auto-tie-breaker";
  }
  if (!quorate && state.masterWins && qdeviceVotes > 0) {
    quorate = true;
    because = "master-wins";
  }
  return { totalVotes, expectedVotes, quorum, quorate, because };
}

export type QdeviceAlgorithm = "ffsplit" | "lms";
export type TieBreaker = "lowest" | "highest" | number;

/** A partition as qnetd sees it: its corosync members and which of them are connected to qnetd. */
export interface QnetdPartition {
  memberIds: number[];
  connectedIds: number[];
}

function preferredNode(tieBreaker: TieBreaker, ids: readonly number[]): number | null {
  if (typeof tieBreaker === "number") return tieBreaker;
  if (ids.length === 0) return null;
  return tieBreaker === "lowest" ? Math.min(...ids) : Math.max(...ids);
}

/**
 * Which partition qnetd gives the QDevice's vote to (index), or null for none. ffsplit
 * (qnetd-algo-ffsplit.c): only a partition with more than half of the configured nodes, or exactly
 * half with more nodes connected to qnetd or else the tie-breaker node. lms (qnetd-algo-lms.c):
 * the only connected partition whatever its size, else the one with most connected nodes, else the
 * tie-breaker's.
 */
export function qnetdVote(
  algorithm: QdeviceAlgorithm,
  tieBreaker: TieBreaker,
  configuredIds: readonly number[],
  partitions: readonly QnetdPartition[],
): number | null {
  const candidates = partitions
    .map((p, index) => ({ ...p, index }))
    .filter((p) => p.connectedIds.length > 0);
  if (candidates.length === 0) return null;
  if (algorithm === "ffsplit") {
    const n = configuredIds.length;
    const majority = candidates.find((p) => p.memberIds.length * 2 > n);
    if (majority) return majority.index;
    const halves = candidates.filter((p) => p.memberIds.length * 2 === n);
    if (halves.length === 0) return null;
    const most = Math.max(...halves.map((p) => p.connectedIds.length));
    const top = halves.filter((p) => p.connectedIds.length === most);
    if (top.length === 1) return top[0]!.index;
    const preferred = preferredNode(tieBreaker, configuredIds);
    return top.find((p) => preferred !== null && p.memberIds.includes(preferred))?.index ?? null;
  }
  if (candidates.length === 1) return candidates[0]!.index;
  const most = Math.max(...candidates.map((p) => p.connectedIds.length));
  const top = candidates.filter((p) => p.connectedIds.length === most);
  if (top.length === 1) return top[0]!.index;
  const preferred = preferredNode(
    tieBreaker,
    candidates.flatMap((p) => p.connectedIds),
  );
  return top.find((p) => preferred !== null && p.connectedIds.includes(preferred))?.index ?? null;
}

/** The algorithm as corosync.conf ("ffsplit", "lms") or corosync-qdevice-tool ("Fifty-Fifty split", "LMS") names it. */
export function readAlgorithm(text: string | null): QdeviceAlgorithm | null {
  if (text === null) return null;
  const t = text.toLowerCase();
  if (t.includes("ffsplit") || t.includes("fifty")) return "ffsplit";
  if (t.includes("lms") || t.includes("last man")) return "lms";
  return null;
}

/** The tie-breaker as corosync.conf ("lowest", "highest", a node id) or the tool ("Node with lowest node ID") names it. */
export function readTieBreaker(text: string | null): TieBreaker {
  if (text === null) return "lowest";
  const t = text.toLowerCase();
  if (t.includes("highest")) return "highest";
  const id = /(\d+)\s*$/.exec(t);
  if (id && !t.includes("lowest")) return Number(id[1]);
  return "lowest";
}
