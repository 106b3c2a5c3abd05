/**
 * What one rebuild of a view costs the thread that also answers requests: the time and the memory
 * allocated by evaluateCluster on a scenario's collected state, over many runs. The collector
 * rebuilds the view on every source's answer, several times per poll.
 *
 *   npx tsx --conditions react-server bench/evaluate-cost.ts --scenario healthy-3-node --runs 1000
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateCluster } from "@/lib/health/evaluate-cluster";
import { loadScenarioState } from "@/replay/load";
import { flag } from "./flags";
import { percentile } from "./percentile";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--scenario");
const scenario = at >= 0 ? (process.argv[at + 1] ?? "") : "healthy-3-node";
const runs = flag("runs", 1_000, { whole: true });

async function main() {
  const state = await loadScenarioState(path.join(projectDir, "scenarios", scenario), Date.now());
  for (let i = 0; i < 50; i++) evaluateCluster(state);
  const times: number[] = [];
  let allocated = 0;
  let counted = 0;
  for (let i = 0; i < runs; i++) {
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    evaluateCluster(state);
    times.push(performance.now() - start);
    // A collection during a run hides what it allocated: such runs are left out of the average.
    const grown = process.memoryUsage().heapUsed - before;
    if (grown >= 0) {
      allocated += grown;
      counted++;
    }
  }
  times.sort((a, b) => a - b);
  const result = {
    command:
      `npx tsx --conditions react-server bench/evaluate-cost.ts ${process.argv.slice(2).join(" ")}`.trim(),
    scenario,
    runs,
    p50Ms: Math.round(percentile(times, 50) * 100) / 100,
    p99Ms: Math.round(percentile(times, 99) * 100) / 100,
    allocatedKbPerRun: Math.round(allocated / Math.max(1, counted) / 1024),
  };
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
