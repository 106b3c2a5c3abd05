import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_HELP, parseDemoArgs } from "./args";
import { builtFiles } from "./dashboard";
import {
  DemoPortError,
  DemoUsageError,
  DemoWorkDirBusyError,
  EXIT_FAILED,
  EXIT_PORT_IN_USE,
  EXIT_USAGE,
  EXIT_WORK_DIR_IN_USE,
} from "./errors";
import { checkPortsFree, demoPortClaims } from "./ports";
import { findScenario, loadScenarioCatalog } from "./scenario-files";
import { type DemoStack, startDemoStack } from "./stack";
import { claimWorkDir, runFolder } from "./work-dir";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function fail(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`demo: ${message.replace(/\s*\n\s*/g, " ")}`);
  process.exit(
    err instanceof DemoUsageError
      ? EXIT_USAGE
      : err instanceof DemoPortError
        ? EXIT_PORT_IN_USE
        : err instanceof DemoWorkDirBusyError
          ? EXIT_WORK_DIR_IN_USE
          : EXIT_FAILED,
  );
}

async function main() {
  const command = parseDemoArgs(process.argv.slice(2), {
    env: { PORT: process.env.PORT },
    cwd: process.env.INIT_CWD ?? process.cwd(),
    projectDir,
  });
  if (command.kind === "help") {
    console.log(DEMO_HELP);
    return;
  }
  const { args } = command;
  const scenarios = loadScenarioCatalog(path.join(projectDir, "scenarios"), args.scenarioDirs);
  findScenario(scenarios, args.scenario);
  // Ports first: a taken port is reported before anything starts, and before the build is needed.
  await checkPortsFree(demoPortClaims(args, scenarios));
  const built = builtFiles(projectDir);
  for (const [file, how] of [
    [built.agentBundle, "node agent/build.mjs"],
    ...(args.startDashboard ? [[built.dashboardServer, "npm run build"]] : []),
  ] as const)
    if (!existsSync(file))
      throw new Error(
        `${path.relative(projectDir, file)} is missing: run ${how} (npm run demo builds both)`,
      );

  // Nothing is written before the ports are known to be free and the folder is this run's own.
  const workDir = args.workDirGiven ? args.workDir : runFolder(args.workDir);
  claimWorkDir(workDir);
  const forget = () => {
    if (!args.workDirGiven) rmSync(workDir, { recursive: true, force: true });
  };

  // Until the stack is up, a signal ends the process; the exit hook kills the children started so far.
  let stack: DemoStack | null = null;
  const stop = (signal: NodeJS.Signals) => {
    if (!stack) {
      forget();
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
    stack.stop().then(
      () => {
        forget();
        process.exit(0);
      },
      () => process.exit(EXIT_FAILED),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  stack = await startDemoStack({
    projectDir,
    agentBundle: built.agentBundle,
    scenarios,
    workDir,
    initialScenario: args.scenario,
    dashboardPort: args.port,
    pvePort: args.pvePort,
    controlPort: args.controlPort,
    agentPort: args.agentPort,
    intervalMs: args.intervalMs,
    timeScale: args.timeScale,
    startDashboard: args.startDashboard,
  });
  const extra = scenarios.filter((s) => s.extra).length;
  const ready = args.startDashboard
    ? `Tiebreaker demo: open ${stack.dashboardUrl} (switch scenarios at the top right; Ctrl+C stops everything)`
    : `Tiebreaker demo: simulated cluster ready, API https://127.0.0.1:${args.pvePort}, control http://127.0.0.1:${args.controlPort} (Ctrl+C stops everything)`;
  const extraNote =
    extra > 0 ? `\n${extra} scenario(s) from --scenarios are listed first in the switcher` : "";
  const adminNote = args.startDashboard
    ? `\nAdmin sign-in: ${stack.dashboardUrl}/admin/login with token ${stack.adminToken}` +
      `\nWall display: pair a screen once at ${stack.dashboardUrl}/wall/pair?code=<key>, with the key from ${path.join(workDir, "display-key")}`
    : "";
  console.log(`\n${ready}${extraNote}${adminNote}\n`);
}

main().catch(fail);
