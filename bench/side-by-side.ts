/**
 * Every server, page, agent, fleet and detection figure in one run, one benchmark after the
 * other on the same machine, with the Proxmox GUI's own polling beside them where it can be
 * derived. Needs a build (`npm run build && node agent/build.mjs`); the detection step needs root
 * and the corosync lab's packages, and is left out with the reason otherwise.
 *
 *   npx tsx bench/side-by-side.ts [--step-seconds 60] [--cuts 5] [--agent-seconds 60]
 *   npx tsx bench/side-by-side.ts --report-only   (the tables again from bench/results/)
 *
 * Writes bench/results/side-by-side.json and side-by-side.md (the tables of docs/performance.md).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { flag } from "./flags";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const results = path.join(projectDir, "bench/results");

const stepSeconds = flag("step-seconds", 60);
const cuts = flag("cuts", 5);
const agentSeconds = flag("agent-seconds", 60);
// Re-renders the tables from the result files of an earlier run.
const reportOnly = process.argv.includes("--report-only");

/** The Proxmox GUI's own polling: proxmox-widget-toolkit's UpdateStore reloads every 3 s plus
 * twice the last answer's time; an open GUI keeps /cluster/status and /cluster/resources so. */
const GUI_INTERVAL_S = 3;
const GUI_ENDPOINTS = 2;

interface Step {
  name: string;
  command: string[];
  /** The result file the step writes, or null when its standard output is the JSON. */
  resultFile: string | null;
  skip?: string | null;
}

function run(step: Step): Promise<{ stdout: string; seconds: number; load: number }> {
  const started = Date.now();
  const load = loadavg()[0]!;
  return new Promise((resolve, reject) => {
    const child = spawn(step.command[0]!, step.command.slice(1), {
      cwd: projectDir,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve({ stdout, seconds: Math.round((Date.now() - started) / 1_000), load })
        : reject(new Error(`${step.command.join(" ")} exited with ${code}`)),
    );
  });
}

const tsx = (...args: string[]) => [process.execPath, "--import", "tsx", ...args];

function labSkip(): string | null {
  if (process.getuid?.() !== 0) return "needs root (network namespaces for the corosync lab)";
  if (!existsSync("/usr/sbin/corosync")) return "corosync is not installed";
  return null;
}

const steps: Step[] = [
  {
    name: "firstLoadJs",
    command: [process.execPath, "bench/first-load-js.mjs", "--all"],
    resultFile: "first-load-js.json",
  },
  { name: "render", command: tsx("bench/render.ts", "--runs", "3"), resultFile: "render.json" },
  {
    name: "viewers",
    command: tsx(
      "bench/load-soak.ts",
      ...["--matrix", "1,10,100,200", "--step-seconds", String(stepSeconds)],
    ),
    resultFile: "load-matrix.json",
  },
  { name: "agent", command: tsx("bench/agent-bench.ts", String(agentSeconds)), resultFile: null },
  { name: "fleet", command: tsx("bench/fleet.ts", "20", "30"), resultFile: "fleet.json" },
  {
    name: "detection",
    command: ["flock", "/tmp/tb-lab.lock", ...tsx("bench/lab-latency.ts", String(cuts))],
    resultFile: "lab-latency.json",
    skip: labSkip(),
  },
];

interface Stat {
  median: number;
  max: number;
}
interface ViewerStep {
  kind: string;
  viewers: number;
  answersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  upstreamPerInterval: number;
}
interface Results {
  viewers?: {
    intervalMs: number;
    steps: ViewerStep[];
    closedLoop: { clients: number; answersPerSecond: number; p50Ms: number; p99Ms: number };
  };
  render?: { markdown?: string };
  firstLoadJs?: { route: string; chunks: number; rawBytes: number; gzipBytes: number }[];
  agent?: {
    reportLatencyMs: Stat & { p95: number };
    atOneRequestPerSecond: {
      rssMiB: { end: number; max: number };
      cpuMsPerReport: number;
      cpuPercent: number;
    };
  };
  fleet?: {
    baseline: FleetSample;
    samples: FleetSample[];
  };
  detection?: {
    skipped?: string;
    results?: {
      nodes: number;
      cuts: number;
      msFromCut: Record<"a_corosync" | "d_page" | "f_pageLinkDown", Stat>;
      msAfterCorosync: Record<"d-a", Stat>;
    }[];
  };
}
interface FleetSample {
  clusters: number;
  nodes: number;
  rssMb: number;
  heapMb: number;
  cpuPercent: number;
}
type StepMeta = { seconds?: number; load?: number; skipped?: string };

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? "—" : n.toFixed(digits);
const medianMax = (stat: Stat) => `${fmt(stat.median)} / ${fmt(stat.max)}`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

type Column<T> = [header: string, cell: (row: T) => string | number];

function table<T>(rows: readonly T[], columns: Column<T>[]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [
    line(columns.map(([header]) => header)),
    line(columns.map(() => "---")),
    ...rows.map((row) => line(columns.map(([, cell]) => cell(row)))),
  ].join("\n");
}

function markdown(out: Results, meta: Record<string, StepMeta>): string {
  const parts: string[] = [];
  const v = out.viewers;
  if (v) {
    const interval = v.intervalMs / 1_000;
    const guiPerInterval = (viewers: number) =>
      ((viewers * GUI_ENDPOINTS * interval) / GUI_INTERVAL_S).toFixed(1);
    parts.push(
      `### Snapshot route under viewers (interval ${interval} s, ${stepSeconds} s per step)`,
      table(v.steps, [
        ["viewers", (s) => s.viewers],
        ["kind", (s) => s.kind],
        ["answers/s", (s) => fmt(s.answersPerSecond, 1)],
        ["p50 ms", (s) => fmt(s.p50Ms, 1)],
        ["p99 ms", (s) => fmt(s.p99Ms, 1)],
        ["max ms", (s) => fmt(s.maxMs, 1)],
        ["Proxmox API requests per interval", (s) => fmt(s.upstreamPerInterval, 1)],
        ["Proxmox GUI, same viewers: API requests per interval", (s) => guiPerInterval(s.viewers)],
      ]),
      `Closed loop, ${v.closedLoop.clients} clients back to back: ${v.closedLoop.answersPerSecond} answers/s, p50 ${v.closedLoop.p50Ms} ms, p99 ${v.closedLoop.p99Ms} ms.`,
    );
  }
  const r = out.render;
  if (r)
    parts.push("### Render time", r.markdown ?? "```json\n" + JSON.stringify(r, null, 2) + "\n```");
  const js = out.firstLoadJs;
  if (js)
    parts.push(
      "### First-load JavaScript per page",
      table(js, [
        ["page", (p) => p.route],
        ["chunks", (p) => p.chunks],
        ["raw", (p) => kib(p.rawBytes)],
        ["gzip", (p) => kib(p.gzipBytes)],
      ]),
    );
  const a = out.agent;
  if (a)
    parts.push(
      "### Agent, one report per second, started as its systemd unit starts it",
      table(
        [a],
        [
          [
            "resident memory end / max",
            (x) =>
              `${x.atOneRequestPerSecond.rssMiB.end} / ${x.atOneRequestPerSecond.rssMiB.max} MiB`,
          ],
          ["CPU per report", (x) => `${x.atOneRequestPerSecond.cpuMsPerReport} ms`],
          ["CPU share", (x) => `${x.atOneRequestPerSecond.cpuPercent} % of one core`],
          [
            "report latency p50 / p95",
            (x) => `${x.reportLatencyMs.median} / ${x.reportLatencyMs.p95} ms`,
          ],
        ],
      ),
    );
  const f = out.fleet;
  if (f) {
    const base = f.baseline;
    parts.push(
      "### Fleet: the server's collectors per watched cluster",
      table(f.samples, [
        ["clusters", (s) => s.clusters],
        ["nodes", (s) => s.nodes],
        ["RSS MiB", (s) => fmt(s.rssMb, 1)],
        ["heap MiB", (s) => fmt(s.heapMb, 1)],
        ["CPU %", (s) => fmt(s.cpuPercent, 1)],
        ["RSS per cluster", (s) => `${fmt((s.rssMb - base.rssMb) / s.clusters, 2)} MiB`],
        ["heap per cluster", (s) => `${fmt((s.heapMb - base.heapMb) / s.clusters, 2)} MiB`],
      ]),
    );
  }
  const d = out.detection;
  if (d?.results) {
    parts.push(
      "### Detection latency on the real corosync lab (ms from the cut, median / max)",
      table(d.results, [
        ["case", (c) => `${c.nodes} nodes, ${c.cuts} cuts`],
        ["links down on the page", (c) => medianMax(c.msFromCut.f_pageLinkDown)],
        ["membership on the page", (c) => medianMax(c.msFromCut.d_page)],
        ["after corosync knew", (c) => medianMax(c.msAfterCorosync["d-a"])],
        // The GUI learns the membership from pmxcfs as corosync does, then shows it at its next
        // poll: half an interval later on average, a whole one at worst.
        [
          "Proxmox GUI: membership (derived)",
          (c) =>
            `${fmt(c.msFromCut.a_corosync.median + (GUI_INTERVAL_S * 1_000) / 2)} / ${fmt(c.msFromCut.a_corosync.max + GUI_INTERVAL_S * 1_000)}`,
        ],
        ["Proxmox GUI: links down", () => "not shown"],
      ]),
    );
  } else if (d?.skipped) parts.push("### Detection latency", `Not measured: ${d.skipped}.`);
  parts.push(
    "### How each step ran",
    table(Object.entries(meta), [
      ["step", ([name]) => name],
      ["seconds", ([, m]) => m.seconds ?? m.skipped ?? "—"],
      ["load average at its start", ([, m]) => fmt(m.load, 2)],
    ]),
  );
  return parts.join("\n\n") + "\n";
}

async function main(): Promise<void> {
  if (!reportOnly && !existsSync(path.join(projectDir, ".next/BUILD_ID")))
    throw new Error("no build: run `npm run build && node agent/build.mjs` first");
  mkdirSync(results, { recursive: true });
  const out: Record<string, unknown> = {};
  const meta: Record<string, StepMeta> = {};
  for (const step of steps) {
    if (step.skip) {
      out[step.name] = { skipped: step.skip };
      meta[step.name] = { skipped: step.skip };
      console.error(`== ${step.name}: skipped, ${step.skip}`);
      continue;
    }
    const file = path.join(results, step.resultFile ?? `${step.name}.json`);
    if (reportOnly) {
      out[step.name] = existsSync(file)
        ? (JSON.parse(readFileSync(file, "utf8")) as unknown)
        : null;
      meta[step.name] = {};
      continue;
    }
    console.error(`== ${step.name}: ${step.command.join(" ")}`);
    const { stdout, seconds, load } = await run(step);
    if (!step.resultFile) writeFileSync(file, stdout);
    out[step.name] = JSON.parse(readFileSync(file, "utf8")) as unknown;
    meta[step.name] = { seconds, load };
  }
  const report = {
    command: `npx tsx bench/side-by-side.ts ${process.argv.slice(2).join(" ")}`.trim(),
    at: new Date().toISOString(),
    node: process.version,
    cpus: (await import("node:os")).cpus().length,
    steps: meta,
    results: out,
  };
  writeFileSync(path.join(results, "side-by-side.json"), `${JSON.stringify(report, null, 2)}\n`);
  const md = markdown(out, meta);
  writeFileSync(path.join(results, "side-by-side.md"), md);
  console.log(md);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
