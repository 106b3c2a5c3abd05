// Prints how long the overview's reboot answers take to build for one view of a scenario (one
// what-if per node plus the checks), median and maximum of several runs, so the cost of judging a
// large cluster is a known number: `npx tsx bench/reboot-readiness.ts [scenario ...]`.
import path from "node:path";
import { rebootReadiness } from "@/lib/readiness/readiness";
import { evaluateScenario } from "@/replay/evaluate-scenario";

const RUNS = 5;
const names = process.argv.slice(2);
const scenarios =
  names.length > 0 ? names : ["healthy-3-node", "drbd9-nfs-ha", "linstor-16-node-200-resources"];

for (const name of scenarios) {
  const times: number[] = [];
  let nodes = 0;
  for (let run = 0; run < RUNS; run++) {
    // A new view each run: answers are kept per view, and the first answer is the one that costs.
    const view = await evaluateScenario(path.resolve("scenarios", name));
    nodes = view.snapshot.nodes.length;
    const started = performance.now();
    rebootReadiness(view);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  const max = times[RUNS - 1]!;
  console.log(
    `${name}: ${nodes} nodes, median ${median.toFixed(0)} ms, max ${max.toFixed(0)} ms (${RUNS} runs)`,
  );
}
