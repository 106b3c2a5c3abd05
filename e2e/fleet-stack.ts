import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { startDashboard } from "@/demo/dashboard";
import type { FleetCase, FleetClusterSpec, FleetSim } from "@/demo/fleet-sim";
import { spawnTracked, stopChild } from "@/demo/processes";
import { processesMentioning, projectDir } from "@/demo/test-helpers";
import type { WallState } from "@/lib/surfaces/cluster-state";

/** The state word each simulated case shows once every source has answered. */
export const CASE_STATE: Record<FleetCase, WallState> = {
  healthy: "OK",
  "node-down": "DEGRADED",
  resync: "DEGRADED",
  "quorum-lost": "CRITICAL",
};

/** The public status page this stack configures, covering two clusters of the fleet. */
export const STATUS_PAGE = {
  id: "two-sites",
  title: "Two sites",
  clusters: ["site-01", "site-05"],
};

/**
 * One built dashboard watching a simulated fleet of 20 clusters of 4 to 16 nodes, as an operator
 * runs it: its own config file in its own scratch folder, open access on loopback, and one status
 * page over two of the clusters. The simulated APIs and agents run in a process of their own
 * (e2e/fleet-sim-process.ts), which a test asks to hang one cluster's API.
 */
export class FleetStack {
  // Made in start(): the runner also loads this file, only to list the tests.
  scratch = "";
  // Clear of the demo stack's ports for this TB_E2E_PORT (3100 by default, as in CI).
  readonly port = Number(process.env.TB_E2E_PORT ?? 3100) + 700;
  // Slow enough that two hundred agents' answers leave a shared machine room for the browser.
  readonly intervalMs = 10_000;
  specs: FleetClusterSpec[] = [];
  private sim: ChildProcess | null = null;
  private answers: ((line: string) => void)[] = [];
  private dashboard: ChildProcess | null = null;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.scratch = mkdtempSync(path.join(tmpdir(), "tb-e2e-fleet-"));
    const sim = spawnTracked(
      process.execPath,
      ["--import", "tsx", "e2e/fleet-sim-process.ts", "20", String(this.intervalMs), this.scratch],
      { cwd: projectDir, stdio: ["pipe", "pipe", "inherit"] },
    );
    this.sim = sim;
    createInterface({ input: sim.stdout! }).on("line", (line) => this.answers.shift()?.(line));
    const exited = new Promise<never>((_, reject) =>
      sim.once("exit", (code) => reject(new Error(`the simulated fleet exited (${code})`))),
    );
    const first = await Promise.race([this.next(), exited]);
    const fleet = JSON.parse(first) as Pick<FleetSim, "config" | "env" | "specs">;
    this.specs = fleet.specs;
    const configFile = path.join(this.scratch, "fleet.json");
    const config = { ...fleet.config, access: { mode: "open" }, statusPages: [STATUS_PAGE] };
    writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
    ({ child: this.dashboard } = await startDashboard({
      projectDir,
      port: this.port,
      configFile,
      env: fleet.env,
      // Its first polls of two hundred agents keep it busy: give each probe time to be answered.
      timeoutMs: 120_000,
      probeTimeoutMs: 15_000,
    }));
  }

  private next(): Promise<string> {
    return new Promise((resolve) => this.answers.push(resolve));
  }

  private async ask(command: string): Promise<Record<string, unknown>> {
    const answer = this.next();
    this.sim!.stdin!.write(`${command}\n`);
    return JSON.parse(await answer) as Record<string, unknown>;
  }

  /** From now on this cluster's API accepts requests and never answers them. */
  async hang(clusterId: string): Promise<void> {
    await this.ask(`hang ${clusterId}`);
  }

  /** How many requests a hung cluster's API holds open right now. */
  async heldRequests(clusterId: string): Promise<number> {
    return (await this.ask(`held ${clusterId}`)).held as number;
  }

  /** Stops the dashboard and the fleet; answers the pids still mentioning the scratch folder. */
  async stop(): Promise<number[]> {
    for (const child of [this.dashboard, this.sim]) if (child) await stopChild(child, 10_000);
    if (!this.scratch) return [];
    const left = processesMentioning(this.scratch);
    rmSync(this.scratch, { recursive: true, force: true });
    return left;
  }

  spec(clusterId: string): FleetClusterSpec {
    return this.specs.find((s) => s.id === clusterId)!;
  }

  caseOf(clusterId: string): FleetCase {
    return this.spec(clusterId).case;
  }

  /** Sources a cluster keeps silent by its case: the agents of the nodes it powers off. */
  downNodes(clusterId: string): number {
    const spec = this.spec(clusterId);
    if (spec.case === "node-down") return 1;
    if (spec.case === "quorum-lost") return spec.nodes - Math.floor(spec.nodes / 2);
    return 0;
  }
}
