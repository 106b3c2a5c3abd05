import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import type { Finding, Severity } from "@/lib/health/types";
import type { Tone } from "./tone";

/** The wall's state words (contract section 6). */
export const WALL_STATES = ["OK", "DEGRADED", "CRITICAL", "UNKNOWN"] as const;
export type WallState = (typeof WALL_STATES)[number];

export const WALL_STATE_TONES: Record<WallState, Tone> = {
  OK: "ok",
  DEGRADED: "warn",
  CRITICAL: "crit",
  UNKNOWN: "unknown",
};

function has(findings: readonly Finding[], severity: Severity): boolean {
  return findings.some((f) => f.severity === severity);
}

/**
 * One word for a whole cluster. Anything critical wins; a known problem outranks a gap; and a
 * cluster whose quorum nobody can tell, or with any source unknown, is never OK.
 */
export function clusterState({ summary, findings }: EvaluatedCluster): WallState {
  if (has(findings, "critical")) return "CRITICAL";
  if (has(findings, "warning")) return "DEGRADED";
  if (summary.quorate === null || has(findings, "unknown")) return "UNKNOWN";
  return "OK";
}
