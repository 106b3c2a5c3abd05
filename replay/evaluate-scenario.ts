import { evaluateCluster, type EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { loadScenarioState } from "./load";

/** The `evaluate` CLI's answer for one scenario folder, through the live server's evaluation path. */
export async function evaluateScenario(dir: string, nowMs = Date.now()): Promise<EvaluatedCluster> {
  return evaluateCluster(await loadScenarioState(dir, nowMs));
}
