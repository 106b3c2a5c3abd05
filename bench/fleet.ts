/**
 * Fleet cost on the dashboard server: memory and CPU per watched cluster. A simulated fleet (one
 * simulated Proxmox API per cluster and one agent per node, clusters of 4 to 16 nodes) runs in a
 * process of its own; the server's collectors (the same ClusterCollector the server starts, one
 * per configured cluster, default 5 s interval and deadlines) run in a fresh process per fleet
 * size, so the figures are the collectors' alone. Prints numbers; asserts nothing.
 *   npx tsx bench/fleet.ts [clusters=20] [seconds=30]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const projectDir = path.resolve(path.dirname(self), "..");
const WARMUP_MS = 15_000;

interface Sample {
  clusters: number;
  nodes: number;
  rssMb: number;
  heapMb: number;
  cpuPercent: number;
  views: number;
}

/** Runs in the sim process: starts the fleet and prints its config as one JSON line. */
async function serveSim(count: number): Promise<void> {
  const { fleetSpecs, startFleetSim } = await import("@/demo/fleet-sim");
  const sim = await startFleetSim(fleetSpecs(count));
  process.stdout.write(`${JSON.stringify({ config: sim.config, env: sim.env })}\n`);
  process.on("SIGTERM", () => void sim.close().then(() => process.exit(0)));
}

/** Runs in a measured process: polls the first `count` clusters and reports its own cost. */
async function collect(count: number, configFile: string, seconds: number): Promise<void> {
  const { resolveConfig } = await import("@/lib/config/load");
  const { ClusterCollector } = await import("@/lib/collector/cluster-collector");
  const { config, env } = JSON.parse(readFileSync(configFile, "utf8")) as {
    config: { clusters: unknown[] };
    env: Record<string, string>;
  };
  const resolved = resolveConfig({ clusters: config.clusters.slice(0, Math.max(1, count)) }, env);
  const collectors =
    count === 0 ? [] : resolved.clusters.map((c) => new ClusterCollector(c, resolved.thresholds));
  let views = 0;
  for (const c of collectors) {
    c.onUpdate(() => views++);
    c.start();
  }
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const gc = (globalThis as { gc?: () => void }).gc;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const viewsStart = views;
  let rssPeak = 0;
  const tick = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 250);
  await new Promise((r) => setTimeout(r, seconds * 1_000));
  clearInterval(tick);
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  gc?.();
  const sample: Sample = {
    clusters: count,
    nodes: collectors.reduce((sum, c) => sum + (c.current()?.snapshot.nodes.length ?? 0), 0),
    rssMb: rssPeak / 2 ** 20,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    cpuPercent: ((cpu.user + cpu.system) / 1_000 / wallMs) * 100,
    views: views - viewsStart,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  for (const c of collectors) c.stop();
  process.exit(0);
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${child.spawnfile} exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? "20");
  const seconds = Number(process.argv[3] ?? "30");
  const dir = mkdtempSync(path.join(tmpdir(), "tb-fleet-bench-"));
  const configFile = path.join(dir, "fleet.json");
  const sim = spawn(process.execPath, ["--import", "tsx", self, "--sim", String(total)], {
    cwd: projectDir,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    writeFileSync(configFile, await firstLine(sim));
    const sizes = [0, 1, 5, 10, total].filter((n, i, all) => n <= total && all.indexOf(n) === i);
    const samples: Sample[] = [];
    for (const n of sizes) {
      // react-server lets the server's modules load outside Next, as they do inside it.
      const child = spawn(
        process.execPath,
        [
          "--conditions",
          "react-server",
          "--expose-gc",
          "--import",
          "tsx",
          self,
          "--collect",
          String(n),
          configFile,
          String(seconds),
        ],
        { cwd: projectDir, stdio: ["ignore", "pipe", "inherit"] },
      );
      const sample = JSON.parse(await firstLine(child)) as Sample;
      samples.push(sample);
      process.stderr.write(`${JSON.stringify(sample)}\n`);
    }
    const base = samples[0]!;
    const rows = samples.slice(1).map((s) => ({
      clusters: s.clusters,
      nodes: s.nodes,
      "RSS MiB": s.rssMb.toFixed(1),
      "heap MiB": s.heapMb.toFixed(1),
      "RSS per cluster MiB": ((s.rssMb - base.rssMb) / s.clusters).toFixed(2),
      "heap per cluster MiB": ((s.heapMb - base.heapMb) / s.clusters).toFixed(2),
      "CPU %": s.cpuPercent.toFixed(2),
      "CPU % per cluster": ((s.cpuPercent - base.cpuPercent) / s.clusters).toFixed(3),
      "views/s": (s.views / seconds).toFixed(1),
    }));
    console.log(
      `baseline (no cluster): RSS ${base.rssMb.toFixed(1)} MiB, heap ${base.heapMb.toFixed(1)} MiB, CPU ${base.cpuPercent.toFixed(2)} %`,
    );
    console.table(rows);
    mkdirSync(path.join(projectDir, "bench/results"), { recursive: true });
    writeFileSync(
      path.join(projectDir, "bench/results/fleet.json"),
      `${JSON.stringify({ command: `npx tsx bench/fleet.ts ${total} ${seconds}`, at: new Date().toISOString(), baseline: base, samples: samples.slice(1) }, null, 2)}\n`,
    );
  } finally {
    sim.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === "--sim") void serveSim(Number(process.argv[3]));
else if (mode === "--collect")
  void collect(Number(process.argv[3]), process.argv[4]!, Number(process.argv[5]));
else void main();
