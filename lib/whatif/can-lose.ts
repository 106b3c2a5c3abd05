import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { readVoteModel } from "./model";
import { parseTarget } from "./types";
import { whatIfQuorum } from "./what-if";

/** Which voters the cluster can lose now: one at a time, and which pairs. */
export interface CanLose {
  /** false when quorum is lost already; null when the votes are not known. */
  quorate: boolean | null;
  /** Every voter counted now: node names, and "qdevice" when it votes. */
  voters: string[];
  /** Voters whose failure alone keeps quorum. */
  singles: string[];
  /** Pairs of those whose failure together keeps quorum. */
  pairs: [string, string][];
  /** Why a single failure's answer is not known. */
  unknownBecause: string[];
}

const memo = new WeakMap<ClusterSnapshot, CanLose>();

/** Computed with the what-if engine: each voter alone, then every pair of those that keep quorum. */
export function canLose(view: EvaluatedCluster): CanLose {
  const known = memo.get(view.snapshot);
  if (known) return known;
  const answer = compute(view);
  memo.set(view.snapshot, answer);
  return answer;
}

function compute(view: EvaluatedCluster): CanLose {
  const reading = readVoteModel(view.snapshot);
  if (!reading.ok) {
    return { quorate: null, voters: [], singles: [], pairs: [], unknownBecause: reading.because };
  }
  const parts = reading.model.partitions;
  const speaking =
    [...parts].sort(
      (a, b) =>
        Number(b.state.quorate) - Number(a.state.quorate) || b.members.length - a.members.length,
    )[0] ?? null;
  const voters = [
    ...(speaking?.members.filter((m) => m.votes > 0).map((m) => m.name) ?? []),
    ...(speaking && speaking.qdeviceVotes > 0 ? ["qdevice"] : []),
  ];
  if (!speaking?.state.quorate) {
    return { quorate: false, voters, singles: [], pairs: [], unknownBecause: [] };
  }
  const singles: string[] = [];
  const unknownBecause: string[] = [];
  for (const voter of voters) {
    const r = whatIfQuorum(view, [parseTarget(voter)]);
    if (r.quorate === null) unknownBecause.push(...r.unknownBecause);
    if (r.quorate === true) singles.push(voter);
  }
  if (unknownBecause.length > 0) {
    return {
      quorate: null,
      voters,
      singles,
      pairs: [],
      unknownBecause: [...new Set(unknownBecause)],
    };
  }
  const pairs: [string, string][] = [];
  for (let i = 0; i < singles.length; i++) {
    for (let j = i + 1; j < singles.length; j++) {
      const pair: [string, string] = [singles[i]!, singles[j]!];
      if (whatIfQuorum(view, pair.map(parseTarget)).quorate === true) pairs.push(pair);
    }
  }
  return { quorate: true, voters, singles, pairs, unknownBecause: [] };
}
