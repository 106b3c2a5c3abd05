/**
 * Load and soak on loopback, outside CI: starts the demo (built dashboard, simulated API, agents)
 * with --expose-gc and measures, against it,
 *   - upstream requests to the simulated Proxmox API per minute with one viewer and with N viewers,
 *     each the page's way: its overview stream (/api/events?model=overview) brings every view, and
 *     it asks /api/cluster when it loads and then every 30 s as the stream's backstop; the streams
 *     are held by bench/load-streams.ts, a process of their own, as browsers would hold them;
 *   - latency of /api/cluster (p50, p99, max) under those viewers once all have arrived (they
 *     arrive over --ramp-seconds, default 20; the arrival is reported on its own), and how old
 *     each pushed view was when its stream had read it;
 *   - the dashboard's heap and RSS after a full GC, before the load, after it, and after each round
 *     of K SSE clients connecting and disconnecting.
 *
 *   npm run build && node agent/build.mjs
 *   npx tsx bench/load-soak.ts --viewers 200 --minutes 10 --rounds 3 --round-clients 300
 *
 * With --matrix 1,10,100,200 it instead measures, for each viewer count, one step of
 * --step-seconds (default 60) with polling viewers (/api/cluster every interval from a random
 * phase, no stream) and one with SSE viewers (the page's way, as above, arriving within one
 * interval; the scenario flips every 20 s so that the findings change too), then a closed-loop
 * throughput step
 * (--concurrency clients asking back to back for 15 s), and writes load-matrix.json.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { setMaxListeners } from "node:events";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as wait } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { flag } from "./flags";
import { percentile } from "./percentile";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const viewers = flag("viewers", 200);
const minutes = flag("minutes", 3);
const rounds = flag("rounds", 3);
const roundClients = flag("round-clients", 300);
const intervalMs = flag("interval-ms", 2_000);
/** The page's poll while its overview stream is open (lib/queries/polling.ts). */
const backstopMs = flag("backstop-ms", 30_000);
/** Viewers of the soak arrive spread over this long; the measured window starts after it. */
const rampMs = flag("ramp-seconds", 20) * 1_000;
const port = flag("port", 3790);
const base = `http://127.0.0.1:${port}`;
const control = `http://127.0.0.1:${port + 5_000}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A sleep that ends early once `signal` aborts, so that a stopped viewer does not linger. */
const pause = (ms: number, signal: AbortSignal) =>
  wait(ms, undefined, { signal }).catch(() => undefined);

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

/** One overview stream, read and discarded until `signal` aborts; resolves on its first bytes. */
async function openStream(signal: AbortSignal): Promise<void> {
  const response = await fetch(`${base}/api/events?cluster=demo&model=overview`, { signal });
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

/** One GET of the overview's answer, timed; false once the viewer is stopped. */
async function askSnapshot(signal: AbortSignal, latencies: number[]): Promise<boolean> {
  if (signal.aborted) return false;
  const started = performance.now();
  try {
    // A short request runs to its end: handing it the shared signal would leave one abort listener
    // per request on it (tens of thousands over a run), which slows this client, not the server.
    const response = await fetch(`${base}/api/cluster?cluster=demo`, {
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    return true;
  } catch {
    return false;
  }
}

/**
 * A viewer the page's way, as far as /api/cluster sees it: its overview stream (held by a
 * `Streams` process) brings every view, so the page asks once when it loads and then only as the
 * stream's backstop, every 30 s from a random phase. It arrives at a random moment within
 * `arriveWithinMs`. `samples` is read at each answer, so the caller can swap it between phases.
 */
async function viewer(
  signal: AbortSignal,
  samples: { latencies: number[] },
  arriveWithinMs: number,
): Promise<void> {
  await pause(Math.random() * arriveWithinMs, signal);
  if (!(await askSnapshot(signal, samples.latencies))) return;
  await pause(Math.random() * backstopMs, signal);
  while (!signal.aborted) {
    if (!(await askSnapshot(signal, samples.latencies))) return;
    await pause(backstopMs, signal);
  }
}

/** A polling viewer: /api/cluster every interval from a random phase, no stream. */
async function pollingViewer(signal: AbortSignal, latencies: number[]): Promise<void> {
  await sleep(Math.random() * intervalMs);
  while (!signal.aborted) {
    if (!(await askSnapshot(signal, latencies))) return;
    await sleep(intervalMs);
  }
}

interface StreamsReport {
  opened: number;
  refused: number;
  broken: number;
  malformed: number;
  views: number;
  lagP50Ms: number | null;
  lagP99Ms: number | null;
  lagMaxMs: number | null;
}

/** `count` overview streams held by bench/load-streams.ts in a process of their own. */
class Streams {
  private child: ChildProcess;
  private lines: string[] = [];
  private waiting: ((line: string) => void) | null = null;

  constructor(count: number, arriveMs: number) {
    this.child = spawn(
      process.execPath,
      [
        ...["--import", "tsx", "bench/load-streams.ts", "--port", String(port)],
        ...["--count", String(count), "--arrive-ms", String(arriveMs)],
      ],
      { cwd: projectDir, stdio: ["pipe", "pipe", "inherit"] },
    );
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      if (this.waiting) {
        this.waiting(line);
        this.waiting = null;
      } else this.lines.push(line);
    });
  }

  reset(): void {
    this.child.stdin!.write("reset\n");
  }

  report(): Promise<StreamsReport> {
    this.child.stdin!.write("report\n");
    const next = this.lines.shift();
    const line = next
      ? Promise.resolve(next)
      : new Promise<string>((resolve) => (this.waiting = resolve));
    return line.then((text) => JSON.parse(text) as StreamsReport);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin!.write("stop\n");
    await Promise.race([exited, sleep(15_000).then(() => this.child.kill("SIGKILL"))]);
  }
}

const stats = (sorted: number[]) => ({
  p50: Math.round(percentile(sorted, 50) * 10) / 10,
  p99: Math.round(percentile(sorted, 99) * 10) / 10,
  max: Math.round((sorted.at(-1) ?? NaN) * 10) / 10,
});

/**
 * `count` viewers arrive over --ramp-seconds, then watch for `ms`: upstream requests per minute,
 * /api/cluster latencies and the streams' lags in that steady window, and the arrival's latencies.
 */
async function watch(count: number, ms: number) {
  const arriveMs = count === 1 ? 1 : rampMs;
  const streams = new Streams(count, arriveMs);
  const controller = new AbortController();
  // Every waiting viewer listens on it: as many listeners as viewers is the design, not a leak.
  setMaxListeners(0, controller.signal);
  const samples = { latencies: [] as number[] };
  const running = Array.from({ length: count }, () => viewer(controller.signal, samples, arriveMs));
  await sleep(arriveMs + intervalMs);
  // Copies: a request still under way when a phase ends adds to the array it started with.
  const arrival = [...samples.latencies].sort((a, b) => a - b);
  samples.latencies = [];
  streams.reset();
  const before = await upstream();
  const started = Date.now();
  await sleep(ms);
  const after = await upstream();
  const elapsedMin = (Date.now() - started) / 60_000;
  const latencies = [...samples.latencies];
  const pushed = await streams.report();
  controller.abort();
  await streams.stop();
  // A viewer the server never answered is not waited for past 10 s.
  await Promise.race([Promise.allSettled(running), sleep(10_000)]);
  latencies.sort((a, b) => a - b);
  const steady = stats(latencies);
  return {
    viewers: count,
    upstreamPerMinute: Math.round((after - before) / elapsedMin),
    snapshotRequests: latencies.length,
    p50Ms: steady.p50,
    p99Ms: steady.p99,
    maxMs: steady.max,
    streams: pushed,
    arrival: { seconds: arriveMs / 1_000, requests: arrival.length, ...stats(arrival) },
  };
}

const flipScenarios = ["healthy-3-node", "clock-skew"];

async function switchScenario(name: string): Promise<void> {
  await fetch(`${control}/switch`, {
    method: "POST",
    body: JSON.stringify({ scenario: name }),
    signal: AbortSignal.timeout(10_000),
  });
}

/** One step of the matrix: `count` viewers of one kind for `ms`. */
async function step(kind: "polling" | "sse", count: number, ms: number) {
  const controller = new AbortController();
  const latencies: number[] = [];
  const before = await upstream();
  const started = Date.now();
  setMaxListeners(0, controller.signal);
  const streams = kind === "sse" ? new Streams(count, intervalMs) : null;
  const running = Array.from({ length: count }, () =>
    streams
      ? viewer(controller.signal, { latencies }, intervalMs)
      : pollingViewer(controller.signal, latencies),
  );
  let flips = 0;
  while (Date.now() - started < ms) {
    await sleep(Math.min(20_000, ms - (Date.now() - started)));
    if (kind === "sse" && Date.now() - started < ms)
      await switchScenario(flipScenarios[++flips % flipScenarios.length]!);
  }
  const after = await upstream();
  const elapsed = Date.now() - started;
  const pushed = streams ? await streams.report() : null;
  controller.abort();
  await streams?.stop();
  await Promise.race([Promise.allSettled(running), sleep(10_000)]);
  if (flips % flipScenarios.length !== 0) await switchScenario(flipScenarios[0]!);
  latencies.sort((a, b) => a - b);
  return {
    kind,
    viewers: count,
    ...(pushed ? { streams: pushed } : {}),
    seconds: Math.round(elapsed / 1_000),
    scenarioFlips: flips,
    upstreamPerInterval: Math.round(((after - before) / (elapsed / intervalMs)) * 10) / 10,
    snapshotAnswers: latencies.length,
    answersPerSecond: Math.round((latencies.length / (elapsed / 1_000)) * 10) / 10,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    maxMs: Math.round((latencies.at(-1) ?? NaN) * 10) / 10,
  };
}

/** Closed loop: `clients` ask back to back for `ms`; the route's ceiling on this machine. */
async function saturate(clients: number, ms: number) {
  const controller = new AbortController();
  const latencies: number[] = [];
  const started = Date.now();
  const loops = Array.from({ length: clients }, async () => {
    while (Date.now() - started < ms)
      if (!(await askSnapshot(controller.signal, latencies))) return;
  });
  await Promise.all(loops);
  const elapsed = Date.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    clients,
    answersPerSecond: Math.round(latencies.length / (elapsed / 1_000)),
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}

async function matrixRun(counts: number[]) {
  const stepMs = flag("step-seconds", 60) * 1_000;
  const concurrency = flag("concurrency", 10);
  const steps = [];
  for (const count of counts)
    for (const kind of ["polling", "sse"] as const) {
      const result = await step(kind, count, stepMs);
      console.error(`${kind} × ${count}: ${JSON.stringify(result)}`);
      steps.push(result);
    }
  const ceiling = await saturate(concurrency, 15_000);
  console.error(`closed loop × ${concurrency}: ${JSON.stringify(ceiling)}`);
  return { steps, closedLoop: ceiling, memory: await memory() };
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
    const matrix = process.argv.indexOf("--matrix");
    if (matrix >= 0) {
      const counts = (process.argv[matrix + 1] ?? "").split(",").map(Number);
      if (counts.some((n) => !Number.isInteger(n) || n <= 0))
        throw new Error("--matrix takes viewer counts such as 1,10,100,200");
      const result = {
        command: `npx tsx bench/load-soak.ts ${process.argv.slice(2).join(" ")}`.trim(),
        at: new Date().toISOString(),
        intervalMs,
        ...(await matrixRun(counts)),
      };
      const out = path.join(projectDir, "bench/results");
      mkdirSync(out, { recursive: true });
      writeFileSync(path.join(out, "load-matrix.json"), `${JSON.stringify(result, null, 2)}\n`);
      console.log(JSON.stringify(result, null, 2));
      return;
    }
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
    // A demo that already stopped (a port in use, say) has nothing left to wait for.
    if (demo.exitCode === null && demo.signalCode === null) {
      const exited = new Promise((resolve) => demo.once("exit", resolve));
      demo.kill("SIGTERM");
      await exited;
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
