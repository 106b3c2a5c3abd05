import path from "node:path";
import { DemoUsageError } from "./errors";

export const DEFAULT_SCENARIO = "two-node-qdevice-added-timeline";

export interface DemoArgs {
  port: number;
  pvePort: number;
  controlPort: number;
  agentPort: number;
  intervalMs: number;
  /** 2 plays timelines twice as fast. */
  timeScale: number;
  scenario: string;
  /** Extra folders of scenario folders, absolute, in the order given. */
  scenarioDirs: string[];
  workDir: string;
  /** False: workDir is the parent of a folder of this run's own. */
  workDirGiven: boolean;
  startDashboard: boolean;
}

export type DemoCommand = { kind: "help" } | { kind: "run"; args: DemoArgs };

export interface ParseContext {
  env: { PORT?: string };
  /** Relative folders are taken from here: the caller's folder, not the project's (npm run changes it). */
  cwd: string;
  projectDir: string;
}

export const DEMO_HELP = `Usage: npm run demo -- [flags]      (npm run demo:start -- [flags] skips the build)

Starts a simulated Proxmox VE cluster on loopback (API, one agent per node) and the dashboard.

  --port <n>           dashboard port on 127.0.0.1 (default: PORT from the environment, else 3000)
  --scenario <name>    scenario shown first (default ${DEFAULT_SCENARIO})
  --scenarios <dir>    also offer every scenario folder in <dir> (a folder holding scenario.json);
                       may be given more than once; a name that is already taken is an error
  --pve-port <n>       simulated Proxmox API on 127.0.0.1 (default 8006)
  --control-port <n>   scenario switching, used by the dashboard, on 127.0.0.1 (default 8199)
  --agent-port <n>     node agents on 127.0.0.11, 127.0.0.12, ... (default 9495)
  --interval-ms <n>    dashboard collection interval (default 2000)
  --time-scale <x>     timeline speed; 2 plays timelines twice as fast (default 1)
  --work-dir <dir>     where the demo keeps its state (default: a folder per run under
                       .tiebreaker/demo); a folder another running demo uses is refused
  --no-dashboard       start only the simulated API and the agents
  --help               print this help

Exit codes: 0 stopped by Ctrl+C or SIGTERM, 1 failed, 2 bad flags or scenario folders,
3 a port is in use (the message names it and the flag that changes it), 4 the --work-dir
folder belongs to another running demo.`;

const VALUE_FLAGS = new Set([
  "port",
  "pve-port",
  "control-port",
  "agent-port",
  "interval-ms",
  "time-scale",
  "scenario",
  "scenarios",
  "work-dir",
]);

function portNumber(value: string, label: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65_535))
    throw new DemoUsageError(`${label} must be a port number from 1 to 65535, got "${value}"`);
  return port;
}

function wholeNumber(value: string, label: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n > 0 && Number.isSafeInteger(n)))
    throw new DemoUsageError(`${label} must be a positive whole number, got "${value}"`);
  return n;
}

function positiveNumber(value: string, label: string): number {
  const n = value.trim() === "" ? NaN : Number(value);
  if (!(n > 0 && Number.isFinite(n)))
    throw new DemoUsageError(`${label} must be a positive number, got "${value}"`);
  return n;
}

/** Reads the demo's command line; every mistake is a DemoUsageError with a one-line message. */
export function parseDemoArgs(argv: readonly string[], context: ParseContext): DemoCommand {
  if (argv.includes("--help") || argv.includes("-h")) return { kind: "help" };
  const values = new Map<string, string>();
  const scenarioDirs: string[] = [];
  let startDashboard = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--"))
      throw new DemoUsageError(`unexpected argument "${arg}" (see --help)`);
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (name === "no-dashboard" && eq < 0) {
      startDashboard = false;
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new DemoUsageError(`unknown flag --${name} (see --help)`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0) i++;
    if (value === undefined || value === "" || (eq < 0 && value.startsWith("--")))
      throw new DemoUsageError(`--${name} needs a value (see --help)`);
    if (name === "scenarios") scenarioDirs.push(value);
    else if (values.has(name)) throw new DemoUsageError(`--${name} is given more than once`);
    else values.set(name, value);
  }

  const envPort = context.env.PORT?.trim();
  const flagPort = values.get("port");
  const port =
    flagPort !== undefined
      ? portNumber(flagPort, "--port")
      : envPort
        ? portNumber(envPort, "PORT in the environment")
        : 3000;
  const args: DemoArgs = {
    port,
    pvePort: portNumber(values.get("pve-port") ?? "8006", "--pve-port"),
    controlPort: portNumber(values.get("control-port") ?? "8199", "--control-port"),
    agentPort: portNumber(values.get("agent-port") ?? "9495", "--agent-port"),
    intervalMs: wholeNumber(values.get("interval-ms") ?? "2000", "--interval-ms"),
    timeScale: positiveNumber(values.get("time-scale") ?? "1", "--time-scale"),
    scenario: values.get("scenario") ?? DEFAULT_SCENARIO,
    scenarioDirs: scenarioDirs.map((dir) => path.resolve(context.cwd, dir)),
    workDir: values.has("work-dir")
      ? path.resolve(context.cwd, values.get("work-dir")!)
      : path.join(context.projectDir, ".tiebreaker/demo"),
    workDirGiven: values.has("work-dir"),
    startDashboard,
  };

  // These three share 127.0.0.1; the agents have addresses of their own.
  const loopback: [string, number][] = [
    ...(startDashboard ? [["--port", args.port] as [string, number]] : []),
    ["--pve-port", args.pvePort],
    ["--control-port", args.controlPort],
  ];
  for (const [i, [flag, value]] of loopback.entries()) {
    const other = loopback.slice(0, i).find(([, v]) => v === value);
    if (other)
      throw new DemoUsageError(
        `${other[0]} and ${flag} are both ${value}; each needs its own port`,
      );
  }
  return { kind: "run", args };
}
