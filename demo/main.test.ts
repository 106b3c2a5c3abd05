import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  close,
  freePorts,
  occupy,
  processesMentioning,
  runDemo,
  writeScenarioSuite,
} from "./test-helpers";

// These runs all end before the demo needs a build: flags, scenario folders and ports come first.
const scratch = mkdtempSync(path.join(tmpdir(), "tb-demo-main-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function portFlags(): Promise<{ flags: string[]; port: number; agentPort: number }> {
  const [port, pvePort, controlPort, agentPort] = (await freePorts(4)) as [
    number,
    number,
    number,
    number,
  ];
  return {
    port,
    agentPort,
    flags: [
      "--port",
      String(port),
      "--pve-port",
      String(pvePort),
      "--control-port",
      String(controlPort),
      "--agent-port",
      String(agentPort),
    ],
  };
}

function oneLine(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l !== "");
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

describe("npm run demo:start", () => {
  it("--help prints every flag and exits 0", async () => {
    const run = await runDemo(["--help"]);
    expect(run.code).toBe(0);
    for (const flag of ["--port", "--scenario", "--scenarios", "--agent-port", "--no-dashboard"])
      expect(run.stdout).toContain(`${flag} `);
    expect(run.stderr).toBe("");
  });

  it("a taken dashboard port ends the demo with one line naming it and --port, exit 3", async () => {
    const workDir = path.join(scratch, "busy-dashboard");
    const { flags, port } = await portFlags();
    const busy = await occupy("127.0.0.1", port);
    try {
      const run = await runDemo([...flags, "--work-dir", workDir]);
      expect(run.code).toBe(3);
      expect(oneLine(run.stderr)).toBe(
        `demo: port ${port} on 127.0.0.1 (the dashboard) is already in use; choose another with --port <port>`,
      );
      expect(run.stdout).toBe("");
      expect(processesMentioning(workDir)).toEqual([]);
    } finally {
      await close(busy);
    }
  });

  it("a taken PORT from the environment is named the same way", async () => {
    const { flags, port } = await portFlags();
    const busy = await occupy("127.0.0.1", port);
    try {
      const run = await runDemo(flags.slice(2), { ...process.env, PORT: String(port) });
      expect(run.code).toBe(3);
      expect(oneLine(run.stderr)).toContain(`port ${port} on 127.0.0.1 (the dashboard)`);
    } finally {
      await close(busy);
    }
  });

  it("a taken agent address names --agent-port", async () => {
    const workDir = path.join(scratch, "busy-agent");
    const { flags, agentPort } = await portFlags();
    const busy = await occupy("127.0.0.12", agentPort);
    try {
      const run = await runDemo([...flags, "--work-dir", workDir, "--scenario", "healthy-3-node"]);
      expect(run.code).toBe(3);
      expect(oneLine(run.stderr)).toBe(
        `demo: port ${agentPort} on 127.0.0.12 (a node agent) is already in use; choose another with --agent-port <port>`,
      );
      expect(processesMentioning(workDir)).toEqual([]);
    } finally {
      await close(busy);
    }
  });

  it("an unknown flag → one line and exit 2", async () => {
    const run = await runDemo(["--prot", "3000"]);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe("demo: unknown flag --prot (see --help)");
  });

  it("an unknown scenario → one line naming the known ones, those from --scenarios too", async () => {
    const suite = path.join(scratch, "suite");
    writeScenarioSuite(suite, [{ name: "suite-only", from: "healthy-3-node" }]);
    const run = await runDemo(["--scenarios", suite, "--scenario", "nope"]);
    expect(run.code).toBe(2);
    const line = oneLine(run.stderr);
    expect(line).toMatch(/^demo: no scenario "nope"; known: /);
    expect(line).toContain("healthy-3-node");
    expect(line).toContain("suite-only");
  });

  it("--scenarios naming a missing folder → one line and exit 2", async () => {
    const missing = path.join(scratch, "missing");
    const run = await runDemo(["--scenarios", missing]);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(`demo: --scenarios ${missing}: no such folder`);
  });
});
