import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateCluster, type EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { loadScenarioState } from "@/replay/load";
import type { CollectedState } from "@/lib/snapshot/build-snapshot";

export const scenariosDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../scenarios",
);
export const T0 = Date.parse("2026-11-30T08:00:00Z");

/** A scenario folder through the live evaluation path, at a fixed clock; `tweak` edits the collected state. */
export async function evaluated(
  name: string,
  tweak: (state: CollectedState) => CollectedState = (s) => s,
): Promise<EvaluatedCluster> {
  return evaluateCluster(tweak(await loadScenarioState(path.join(scenariosDir, name), T0)));
}
