import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type DemoArgs, parseDemoArgs } from "./args";
import { DemoUsageError } from "./errors";

const context = { env: {}, cwd: "/home/suite", projectDir: "/opt/tiebreaker" };

function run(argv: string[], env: { PORT?: string } = {}): DemoArgs {
  const command = parseDemoArgs(argv, { ...context, env });
  if (command.kind !== "run") throw new Error("expected flags to run the demo");
  return command.args;
}

function usageError(argv: string[], env: { PORT?: string } = {}): string {
  try {
    parseDemoArgs(argv, { ...context, env });
  } catch (err) {
    expect(err).toBeInstanceOf(DemoUsageError);
    const message = (err as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error(`expected a usage error for ${argv.join(" ")}`);
}

describe("demo flags", () => {
  it("no flags → the documented defaults", () => {
    expect(run([])).toEqual({
      port: 3000,
      pvePort: 8006,
      controlPort: 8199,
      agentPort: 9495,
      intervalMs: 2000,
      timeScale: 1,
      scenario: DEFAULT_SCENARIO,
      scenarioDirs: [],
      workDir: path.join("/opt/tiebreaker", ".tiebreaker/demo"),
      workDirGiven: false,
      startDashboard: true,
    });
  });

  it("PORT in the environment sets the dashboard port", () => {
    expect(run([], { PORT: "4100" }).port).toBe(4100);
  });

  it("--port wins over PORT in the environment", () => {
    expect(run(["--port", "4200"], { PORT: "4100" }).port).toBe(4200);
  });

  it("accepts --flag=value as well as --flag value", () => {
    const args = run(["--port=4300", "--scenario", "healthy-3-node", "--time-scale=2.5"]);
    expect(args).toMatchObject({ port: 4300, scenario: "healthy-3-node", timeScale: 2.5 });
  });

  it("--scenarios may be repeated and is resolved against the caller's folder", () => {
    const args = run(["--scenarios", "suite-a", "--scenarios=/srv/suite-b"]);
    expect(args.scenarioDirs).toEqual(["/home/suite/suite-a", "/srv/suite-b"]);
  });

  it("--work-dir is resolved against the caller's folder", () => {
    expect(run(["--work-dir", "state"])).toMatchObject({
      workDir: "/home/suite/state",
      workDirGiven: true,
    });
  });

  it("--no-dashboard starts only the simulated cluster", () => {
    expect(run(["--no-dashboard"]).startDashboard).toBe(false);
  });

  it("--help anywhere asks for the help, whatever else is given", () => {
    expect(parseDemoArgs(["--bogus", "--help"], context)).toEqual({ kind: "help" });
    expect(parseDemoArgs(["-h"], context)).toEqual({ kind: "help" });
  });

  it.each([
    [["--bogus"], "unknown flag --bogus (see --help)"],
    [["--no-dashboard=yes"], "unknown flag --no-dashboard (see --help)"],
    [["healthy-3-node"], 'unexpected argument "healthy-3-node" (see --help)'],
    [["--port"], "--port needs a value (see --help)"],
    [["--scenario", "--port", "4000"], "--scenario needs a value (see --help)"],
    [["--scenarios="], "--scenarios needs a value (see --help)"],
    [["--port", "1", "--port", "2"], "--port is given more than once"],
    [["--port", "70000"], '--port must be a port number from 1 to 65535, got "70000"'],
    [["--agent-port", "0"], '--agent-port must be a port number from 1 to 65535, got "0"'],
    [["--pve-port", "80a"], '--pve-port must be a port number from 1 to 65535, got "80a"'],
    [["--interval-ms", "1.5"], '--interval-ms must be a positive whole number, got "1.5"'],
    [["--time-scale", "-1"], '--time-scale must be a positive number, got "-1"'],
    [["--time-scale", "0"], '--time-scale must be a positive number, got "0"'],
  ])("%j → %s", (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it("a PORT in the environment that is not a port is named as such", () => {
    expect(usageError([], { PORT: "http" })).toBe(
      'PORT in the environment must be a port number from 1 to 65535, got "http"',
    );
  });

  it("two servers on 127.0.0.1 given the same port → the two flags are named", () => {
    expect(usageError(["--pve-port", "3000"])).toBe(
      "--port and --pve-port are both 3000; each needs its own port",
    );
    expect(usageError(["--pve-port", "9000", "--control-port", "9000"])).toBe(
      "--pve-port and --control-port are both 9000; each needs its own port",
    );
  });

  it("without the dashboard, --port does not compete for a port", () => {
    expect(run(["--no-dashboard", "--pve-port", "3000"]).pvePort).toBe(3000);
  });

  it("the agents' port may equal another: they listen on addresses of their own", () => {
    expect(run(["--agent-port", "3000"]).agentPort).toBe(3000);
  });
});
