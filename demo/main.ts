import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDemoStack } from "./stack";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

function intFlag(name: string, fallback: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`demo: --${name} must be a positive whole number`);
    process.exit(2);
  }
  return value;
}

async function main() {
  const stack = await startDemoStack({
    projectDir,
    scenariosDir: path.resolve(flag("scenarios", path.join(projectDir, "scenarios"))),
    workDir: path.resolve(flag("work-dir", path.join(projectDir, ".tiebreaker/demo"))),
    initialScenario: flag("scenario", "two-node-qdevice-added-timeline"),
    dashboardPort: intFlag("port", 3000),
    pvePort: intFlag("pve-port", 8006),
    controlPort: intFlag("control-port", 8199),
    agentPort: intFlag("agent-port", 9495),
    intervalMs: intFlag("interval-ms", 2_000),
    timeScale: Number(flag("time-scale", "1")),
    startDashboard: !process.argv.includes("--no-dashboard"),
  });
  console.log(
    `\nTiebreaker demo: open ${stack.dashboardUrl} (switch scenarios at the top right; Ctrl+C stops everything)\n`,
  );
  const stop = () => {
    stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
