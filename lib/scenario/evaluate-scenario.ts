import { evaluate } from "@/lib/health/evaluate";
import { summarize, type ClusterSummary } from "@/lib/health/summary";
import type { Finding } from "@/lib/health/types";
import { buildSnapshot } from "@/lib/snapshot/build-snapshot";
import { loadScenarioState } from "./load";

export interface Evaluation {
  summary: ClusterSummary;
  findings: Finding[];
}

/** The `evaluate` CLI's answer for one scenario folder, through the server's snapshot and rules. */
export async function evaluateScenario(dir: string, nowMs = Date.now()): Promise<Evaluation> {
  const snapshot = buildSnapshot(await loadScenarioState(dir, nowMs));
  return { summary: summarize(snapshot), findings: evaluate(snapshot) };
}
