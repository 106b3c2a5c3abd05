/**
 * Load and soak on loopback, outside CI: starts the demo (built dashboard, simulated API, agents)
 * with --expose-gc and measures, against it,
 *   - upstream requests to the simulated Proxmox API per minute with one viewer and with N viewers
 *     (each an SSE stream on /api/events plus polling /api/cluster, spread over the interval);
 *   - latency of /api/cluster (p50, p99, max) under those viewers;
 *   - the dashboard's heap and RSS after a full GC, before the load, after it, and after each round
 *     of K SSE clients connecting and disconnecting.
 *
 *   npm run build && node agent/build.mjs
 *   npx tsx bench/load-soak.ts --viewers 200 --minutes 3 --rounds 3 --round-clients 300
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const viewers = flag("viewers", 200);
const minutes = flag("minutes", 3);
const rounds = flag("rounds", 3);
const roundClients = flag("round-clients", 300);
const intervalMs = flag("interval-ms", 2_000);
const port = flag("port", 3790);
const base = `http://127.0.0.1:${port}`;
const control = `http://127.0.0.1:${port + 5_000}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function startDemo(workDir: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      ...["--import", "tsx", "demo/main.ts", "--scenario", "healthy-3-node"],
      ...["--port", String(port), "--pve-port", String(port + 4_000)],
      ...["--control-port", String(port + 5_000), "--agent-port", String(port + 6_000)],
      ...["--interval-ms", String(intervalMs), "--work-dir", workDir],
    ],
    {
      cwd: projectDir,
      env: { ...process.env, NODE_OPTIONS: "--expose-gc" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return child;
}

async function until(what: string, check: () => Promise<boolean>, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const upstream = async () =>
  (await json<{ pveRequests: number }>(`${control}/upstream`)).pveRequests;

interface Memory {
  heapUsed: number;
  rss: number;
}
/** The dashboard process's RSS from /proc, for a build without the demo's memory route. */
function dashboardRss(): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      // Next renames its process to next-server.
      if (cmdline.startsWith("next-server") && environ.includes(`PORT=${port}`)) {
        const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
        return Number(line?.[1] ?? NaN) * 1024;
      }
    } catch {
      // gone, or not ours
    }
  }
  return NaN;
}

/** Heap after a full GC when the demo offers it (a build with /api/demo/memory), RSS always. */
async function memory(): Promise<Memory> {
  const response = await fetch(`${base}/api/demo/memory`, { signal: AbortSignal.timeout(60_000) });
  if (response.ok) return (await response.json()) as Memory;
  return { heapUsed: NaN, rss: dashboardRss() };
}
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** One SSE stream, read and discarded until `signal` aborts; resolves once the first bytes arrive. */
async function openStream(signal: AbortSignal): Promise<void> {
  const response = await fetch(`${base}/api/events?cluster=demo`, { signal });
  const reader = response.body!.getReader();
  await reader.read();
  void (async () => {
    try {
      for (;;) if ((await reader.read()).done) return;
    } catch {
      // aborted
    }
  })();
}

/** A viewer: an SSE stream, and /api/cluster polled every interval from a random phase. */
async function viewer(signal: AbortSignal, latencies: number[]): Promise<void> {
  await sleep(Math.random() * intervalMs);
  await openStream(signal).catch(() => undefined);
  while (!signal.aborted) {
    const started = performance.now();
    try {
      const response = await fetch(`${base}/api/cluster?cluster=demo`, { signal });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    } catch {
      return;
    }
    await sleep(intervalMs);
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Upstream requests per minute while `count` viewers watch for `ms`, and /api/cluster latencies. */
async function watch(count: number, ms: number) {
  const controller = new AbortController();
  const latencies: number[] = [];
  const before = await upstream();
  const started = Date.now();
  const running = Array.from({ length: count }, () => viewer(controller.signal, latencies));
  await sleep(ms);
  const after = await upstream();
  const elapsedMin = (Date.now() - started) / 60_000;
  controller.abort();
  // A viewer the server never answered is not waited for past 10 s.
  await Promise.race([Promise.allSettled(running), sleep(10_000)]);
  latencies.sort((a, b) => a - b);
  return {
    viewers: count,
    upstreamPerMinute: Math.round((after - before) / elapsedMin),
    snapshotRequests: latencies.length,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    maxMs: Math.round((latencies.at(-1) ?? NaN) * 10) / 10,
  };
}

async function round(clients: number) {
  const controller = new AbortController();
  const opened = await Promise.race([
    Promise.allSettled(Array.from({ length: clients }, () => openStream(controller.signal))),
    sleep(60_000).then(() => null),
  ]);
  const connected = opened?.filter((r) => r.status === "fulfilled").length ?? 0;
  console.error(`  ${connected} of ${clients} SSE clients connected`);
  await sleep(10_000);
  controller.abort();
  // Let the server see every disconnect before measuring.
  await sleep(3_000);
  return memory();
}

async function main() {
  const workDir = mkdtempSync(path.join(tmpdir(), "tb-load-soak-"));
  const demo = startDemo(workDir);
  try {
    await until("the dashboard", async () => (await fetch(`${base}/api/health`)).ok);
    await until(
      "the first view",
      async () => !(await json<{ pending?: boolean }>(`${base}/api/cluster?cluster=demo`)).pending,
    );
    await sleep(5_000);
    const start = await memory();
    console.error(`heap after GC at start: ${mb(start.heapUsed)} MB, rss ${mb(start.rss)} MB`);

    const one = await watch(1, 60_000);
    console.error(`1 viewer: ${JSON.stringify(one)}`);
    const many = await watch(viewers, minutes * 60_000);
    console.error(`${viewers} viewers: ${JSON.stringify(many)}`);
    await sleep(3_000);
    const afterLoad = await memory();
    console.error(`heap after GC after the load: ${mb(afterLoad.heapUsed)} MB`);

    const roundMemory: Memory[] = [];
    for (let i = 0; i < rounds; i++) {
      roundMemory.push(await round(roundClients));
      console.error(
        `round ${i + 1} of ${roundClients} SSE clients: heap after GC ${mb(roundMemory[i]!.heapUsed)} MB, rss ${mb(roundMemory[i]!.rss)} MB`,
      );
    }

    const result = {
      command: `npx tsx bench/load-soak.ts ${process.argv.slice(2).join(" ")}`.trim(),
      at: new Date().toISOString(),
      intervalMs,
      oneViewer: one,
      manyViewers: many,
      memoryMb: {
        start: { heapUsed: mb(start.heapUsed), rss: mb(start.rss) },
        afterLoad: { heapUsed: mb(afterLoad.heapUsed), rss: mb(afterLoad.rss) },
        rounds: roundMemory.map((m) => ({ heapUsed: mb(m.heapUsed), rss: mb(m.rss) })),
      },
    };
    const out = path.join(projectDir, "bench/results");
    mkdirSync(out, { recursive: true });
    const name = process.env.TB_LOAD_SOAK_OUT ?? "load-soak.json";
    writeFileSync(path.join(out, name), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    demo.kill("SIGTERM");
    await new Promise((resolve) => demo.once("exit", resolve));
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
