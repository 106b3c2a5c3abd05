import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import type { FailureTarget, WhatIfResult } from "./types";

export interface WhatIfOptions {
  /** Evaluation time; defaults to the snapshot's own time. */
  nowMs?: number;
}

/** The cluster as it would be after `targets` fail. */
export function whatIf(
  view: EvaluatedCluster,
  targets: FailureTarget[],
  opts?: WhatIfOptions,
): WhatIfResult {
  void view;
  void targets;
  void opts;
  throw new Error("whatIf is not implemented yet");
}
