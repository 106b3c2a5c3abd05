/**
 * Notification latency: from a change of the demo cluster's scenario (a clock skew appears, then
 * clears) to the signed webhook saying so, through the server's own start-up path (collector,
 * history recorder, outbox, dispatcher) at a 1 s interval with the default debounce of two
 * intervals. Prints numbers; asserts nothing.
 *   node --conditions react-server --import tsx bench/notification-latency.ts [rounds=5]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { builtFiles } from "@/demo/dashboard";
import { loadScenarioCatalog } from "@/demo/scenario-files";
import { startDemoStack } from "@/demo/stack";
import { loopbackReceiver } from "@/lib/notify/test-helpers";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const rounds = Number(process.argv[2] ?? "5");
const RULE = "node.clock-skew";

interface Hook {
  event: string;
  rule: string;
}

async function until<T>(what: string, probe: () => T | undefined, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `min ${sorted[0]} ms, median ${median} ms, max ${sorted.at(-1)} ms (n=${values.length})`;
}

async function main() {
  const workDir = mkdtempSync(path.join(tmpdir(), "tb-notify-bench-"));
  const receiver = await loopbackReceiver();
  const stack = await startDemoStack({
    projectDir,
    agentBundle: builtFiles(projectDir).agentBundle,
    scenarios: loadScenarioCatalog(path.join(projectDir, "scenarios")),
    workDir,
    initialScenario: "healthy-3-node",
    dashboardPort: 3400,
    pvePort: 3401,
    controlPort: 3402,
    agentPort: 3403,
    intervalMs: 1_000,
    timeScale: 1,
    startDashboard: false,
  });
  const hooks = (): Hook[] =>
    receiver.requests.map((r) => {
      const body = JSON.parse(r.body) as { event: string; finding: { rule: string } };
      return { event: body.event, rule: body.finding.rule };
    });
  const arrivals: number[] = [];
  const seen = () => {
    while (arrivals.length < receiver.requests.length) arrivals.push(Date.now());
  };
  const timer = setInterval(seen, 5);
  const count = (event: string) =>
    hooks().filter((h) => h.event === event && h.rule === RULE).length;
  try {
    writeFileSync(path.join(workDir, "hook.secret"), "bench-webhook-secret\n");
    const config = JSON.parse(readFileSync(stack.configFile, "utf8")) as Record<string, unknown>;
    config.history = { sqlitePath: path.join(workDir, "history.sqlite") };
    config.notifications = {
      receivers: [
        {
          type: "webhook",
          name: "bench",
          url: `${receiver.url}/hook`,
          secretFile: path.join(workDir, "hook.secret"),
        },
      ],
    };
    const configFile = path.join(workDir, "notify.json");
    writeFileSync(configFile, JSON.stringify(config));
    process.env.TIEBREAKER_CONFIG = configFile;
    const { startCollectors } = await import("@/lib/collector/start");
    startCollectors();

    const opened: number[] = [];
    const closed: number[] = [];
    for (let i = 0; i < rounds; i++) {
      for (const [scenario, event, into] of [
        ["clock-skew", "opened", opened],
        ["healthy-3-node", "closed", closed],
      ] as const) {
        const before = count(event);
        const t0 = Date.now();
        await stack.switchScenario(scenario);
        await until(`${event} ${RULE}`, () => (count(event) > before ? true : undefined));
        seen();
        into.push(arrivals[receiver.requests.length - 1]! - t0);
      }
    }
    console.log(`scenario switch → webhook "opened" ${RULE}: ${stats(opened)}`);
    console.log(`scenario switch → webhook "closed" ${RULE}: ${stats(closed)}`);
    console.log("(interval 1 s; openAfterIntervals and resolveAfterIntervals 2, the defaults)");
  } finally {
    clearInterval(timer);
    await stack.stop();
    await receiver.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  // The collectors keep polling timers of their own; the numbers are out.
  process.exit(0);
}

await main();
