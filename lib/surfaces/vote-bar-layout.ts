import type { Voter, VoteBar } from "./vote-bar";

export function voterWord(voter: Voter): string {
  const votes = voter.votes === 1 ? "1 vote" : `${voter.votes} votes`;
  if (voter.voting === null) return `unknown (${votes})`;
  return voter.voting ? `voting (${votes})` : `not voting (${votes})`;
}

/** Where the quorum line sits along the bar, in percent of all voters' votes; null when unknown. */
export function quorumLinePercent(bar: Pick<VoteBar, "quorum" | "voters">): number | null {
  const total = bar.voters.reduce((sum, v) => sum + Math.max(1, v.votes), 0);
  if (bar.quorum === null || total === 0) return null;
  return Math.min(100, (bar.quorum / total) * 100);
}
