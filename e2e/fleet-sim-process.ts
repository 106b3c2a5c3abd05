/**
 * The simulated fleet in a process of its own, so that serving two hundred agents never holds up
 * the test runner's own requests. Prints the dashboard config as one JSON line, then answers one
 * command a line on stdin: `hang <cluster>` and `held <cluster>`, each with one JSON line.
 *   node --import tsx e2e/fleet-sim-process.ts <clusters> <intervalMs> [<owner's scratch folder>]
 * The last argument only marks the process as its owner's, which looks for leftovers by it.
 */
import { createInterface } from "node:readline";
import { fleetSpecs, startFleetSim } from "@/demo/fleet-sim";

const [count, intervalMs] = process.argv.slice(2).map(Number);
// Long deadlines, so that on a loaded machine only a hung cluster ever misses an answer.
const sim = await startFleetSim(fleetSpecs(count ?? 20), {
  intervalMs,
  apiTimeoutMs: 60_000,
  agentTimeoutMs: 30_000,
});
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ config: sim.config, env: sim.env, specs: sim.specs });

createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, id = ""] = line.trim().split(" ");
  if (command === "hang") {
    sim.hang(id);
    reply({ hung: id });
  } else if (command === "held") reply({ held: sim.heldRequests(id) });
  else reply({ error: `unknown command ${command}` });
});
process.on("SIGTERM", () => void sim.close().then(() => process.exit(0)));
