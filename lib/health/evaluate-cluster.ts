import { buildSnapshot, type CollectedState } from "@/lib/snapshot/build-snapshot";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { evaluate } from "./evaluate";
import { pveMissingPrivilege } from "./rules/pve-missing-privilege";
import { summarize, type ClusterSummary } from "./summary";
import type { Finding } from "./types";

/** A snapshot with what the rules concluded about it: the input of every surface. */
export interface EvaluatedCluster {
  snapshot: ClusterSnapshot;
  summary: ClusterSummary;
  findings: Finding[];
}

/**
 * Collected answers to snapshot, summary and findings. The live collector and `evaluate` both call
 * this, with the clock in `state.nowMs`, so the same answers always give the same result.
 */
export function evaluateCluster(state: CollectedState): EvaluatedCluster {
  const snapshot = buildSnapshot(state);
  return {
    snapshot,
    summary: summarize(snapshot),
    findings: [...evaluate(snapshot), ...pveMissingPrivilege(state.privileges)],
  };
}
