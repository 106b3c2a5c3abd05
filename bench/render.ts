/**
 * Render time of the overview (`/`) and the wall (`/wall`) for generated healthy LINSTOR clusters
 * of 16, 32 and 64 nodes with 1,000 DRBD volumes each (two replicas, redundancy 2), outside CI.
 * Per size, median and max of --runs runs (default 5):
 *   - server: the scenario's collected answers to the view (`evaluateCluster`, the collector's
 *     path), then the overview's and the wall's view models, and each model's JSON size;
 *   - browser: the built dashboard, started through the demo with the generated scenario, opened
 *     in Chromium at 1920×1080, a fresh context (no cache) per run, the wall paired first as a
 *     wall PC is: from navigation start to the moment every node's card or tile (and, on the
 *     overview, every DRBD row) is in the laid-out document and visible, checked every 50 ms; the
 *     Navigation Timing responseStart, domContentLoaded and load; the DOM element count; the state
 *     word first shown; and whether the page fits the viewport. A page not rendered and loaded
 *     within --timeout-s (default 300) counts as not rendered. Writes bench/results/render.json.
 *
 *   npm run build && node agent/build.mjs
 *   npx tsx bench/render.ts --runs 3 --timeout-s 120 --interval-ms 10000
 *
 * --sizes 16,32,64, --volumes 1000, --interval-ms (the dashboard's collection interval, default
 * 2000), --port 4500: the demo takes it and the next three ports (simulated API, demo control,
 * agents).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "@playwright/test";
import { writeClusterScenario } from "@/demo/generate-cluster";
import { evaluateCluster } from "@/lib/health/evaluate-cluster";
import { toOverviewModel } from "@/lib/surfaces/overview";
import { toWallModel } from "@/lib/surfaces/wall";
import { loadScenarioState } from "@/replay/load";
import { flag } from "./flags";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function listFlag(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const values = (process.argv[i + 1] ?? "").split(",").map(Number);
  if (values.some((v) => !Number.isSafeInteger(v) || v < 2))
    throw new Error(`--${name} must be a comma-separated list of node counts of 2 or more`);
  return values;
}

const runs = flag("runs", 5, { whole: true });
const volumes = flag("volumes", 1_000, { whole: true });
const sizes = listFlag("sizes", [16, 32, 64]);
const intervalMs = flag("interval-ms", 2_000, { whole: true });
const port = flag("port", 4500, { whole: true });
/** A page that has not shown its data and loaded by then counts as not rendered. */
const timeoutMs = flag("timeout-s", 300, { whole: true }) * 1_000;
const base = `http://127.0.0.1:${port}`;
const VIEWPORT = { width: 1920, height: 1080 };
/** Over this, a page is reported as slow to render. */
const SLOW_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (ms: number) => Math.round(ms * 10) / 10;

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round1(sorted[Math.floor(sorted.length / 2)]!), max: round1(sorted.at(-1)!) };
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

function scenarioName(nodes: number): string {
  return `render-${nodes}-node-${volumes}-volumes`;
}

function writeScenarios(dir: string): void {
  for (const nodes of sizes) {
    const name = scenarioName(nodes);
    writeClusterScenario(path.join(dir, name), {
      name,
      title: `${nodes} nodes, ${volumes} DRBD volumes, healthy`,
      description: `A generated healthy LINSTOR cluster: ${nodes} nodes, ${volumes} DRBD resources with two replicas each.`,
      clusterName: `render-${nodes}`,
      nodes,
      resources: volumes,
      down: [],
      resyncing: null,
      redundancy: 2,
      controller: null,
      seed: 4_500 + nodes,
      kernel: "6.8.12-4-pve",
      date: "Mon Nov 30 07:59:41 2026",
    });
  }
}

/** The collector's path from collected answers to the view, then each surface's model. */
async function measureServer(dir: string) {
  const evaluate: number[] = [];
  const overview: number[] = [];
  const wall: number[] = [];
  let bytes = { overview: 0, wall: 0 };
  for (let run = 0; run < runs; run++) {
    // Reading the folder stands in for the network; only the work the server repeats per view is timed.
    const state = await loadScenarioState(dir, Date.now());
    const [view, evaluateMs] = timed(() => evaluateCluster(state));
    const [overviewModel, overviewMs] = timed(() => toOverviewModel(view, null));
    const [wallModel, wallMs] = timed(() => toWallModel(view, null));
    evaluate.push(evaluateMs);
    overview.push(overviewMs);
    wall.push(wallMs);
    bytes = {
      overview: Buffer.byteLength(JSON.stringify({ pending: false, ...overviewModel })),
      wall: Buffer.byteLength(JSON.stringify({ pending: false, ...wallModel })),
    };
  }
  return {
    evaluateMs: stats(evaluate),
    overviewModelMs: stats(overview),
    wallModelMs: stats(wall),
    jsonBytes: bytes,
  };
}

function startDemo(scenarios: string, name: string, workDir: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      ...["--import", "tsx", "demo/main.ts", "--scenarios", scenarios, "--scenario", name],
      ...["--port", String(port), "--pve-port", String(port + 1)],
      ...["--control-port", String(port + 2), "--agent-port", String(port + 3)],
      ...["--interval-ms", String(intervalMs), "--work-dir", workDir],
    ],
    { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] },
  );
}

async function stopDemo(demo: ChildProcess): Promise<void> {
  if (demo.exitCode !== null || demo.signalCode !== null) return;
  const exited = new Promise((resolve) => demo.once("exit", resolve));
  demo.kill("SIGTERM");
  await exited;
}

/** Polls `check` until it gives a value; gives up when `gone` says the process it asks is gone. */
async function until<T>(
  what: string,
  check: () => Promise<T | null>,
  ms: number,
  gone: () => boolean,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const value = await check();
      if (value !== null) return value;
    } catch {
      // not up yet
    }
    if (gone()) throw new Error(`the demo exited while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function json<T>(url: string): Promise<T | null> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return response.status === 200 ? ((await response.json()) as T) : null;
}

/** What a page shows once the cluster's data is rendered: every node, and the overview's DRBD rows. */
interface ReadyCondition {
  /** The cluster's state word, read once the page is rendered. */
  stateSelector: string;
  nodeSelector: string;
  nodes: number;
  rowSelector: string | null;
  rows: number;
}

type ReadyWindow = Window & { renderReadyAt?: number; renderReadyState?: string | null };

/**
 * Installed before the page's own scripts: checks every 50 ms (headless Chromium runs no animation
 * frames here) and keeps the first moment at which every element of the condition is in the laid
 * out document and visible (a streamed part may arrive hidden). Plain text, so that no helper the
 * TypeScript loader adds to functions ends up in the page.
 */
function watchReady(condition: ReadyCondition): string {
  return `(() => {
    const condition = ${JSON.stringify(condition)};
    const visible = (selector, count) => {
      const found = document.querySelectorAll(selector);
      return found.length >= count && found[found.length - 1].checkVisibility();
    };
    const timer = setInterval(() => {
      const ready =
        visible(condition.nodeSelector, condition.nodes) &&
        (!condition.rowSelector || visible(condition.rowSelector, condition.rows));
      if (!ready) return;
      clearInterval(timer);
      window.renderReadyAt = performance.now();
      const state = document.querySelector(condition.stateSelector);
      window.renderReadyState = state ? state.textContent.trim() : null;
    }, 50);
  })();`;
}

/** A page to open, what shows it is rendered, and the wall's pairing link, opened first. */
interface Target {
  url: string;
  condition: ReadyCondition;
  pairUrl: string | null;
}

/** Navigation Timing, the document's size, the state word first shown, and the layout's fit. */
const sample = (page: Page) =>
  page.evaluate(() => {
    const target = window as ReadyWindow;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    let pastSides = 0;
    for (const element of document.querySelectorAll("body *")) {
      const r = element.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -0.5 || r.right > innerWidth + 0.5) pastSides++;
    }
    const root = document.documentElement;
    return {
      readyMs: target.renderReadyAt!,
      stateShown: target.renderReadyState ?? null,
      responseStartMs: nav.responseStart,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      loadMs: nav.loadEventEnd,
      htmlBytes: nav.decodedBodySize,
      elements: document.getElementsByTagName("*").length,
      layout: {
        scrollWidth: root.scrollWidth,
        scrollHeight: root.scrollHeight,
        fitsViewport: root.scrollWidth <= innerWidth && root.scrollHeight <= innerHeight,
        horizontalOverflow: root.scrollWidth > innerWidth,
        elementsPastSides: pastSides,
      },
    };
  });

type PageSample = Awaited<ReturnType<typeof sample>>;

/**
 * Opens the target in a fresh context (no cache) and reads it once it is rendered and loaded;
 * null when it was not within --timeout-s.
 */
async function visit(browser: Browser, target: Target): Promise<PageSample | null> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    // The cookie a paired wall PC keeps, set without visiting the wall.
    if (target.pairUrl) {
      const paired = await context.request.get(target.pairUrl, { maxRedirects: 0 });
      if (paired.status() >= 400) throw new Error(`pairing: HTTP ${paired.status()}`);
    }
    await context.addInitScript({ content: watchReady(target.condition) });
    const page = await context.newPage();
    const deadline = Date.now() + timeoutMs;
    try {
      await page.goto(target.url, { waitUntil: "load", timeout: timeoutMs });
      await page.waitForFunction(
        () =>
          (window as ReadyWindow).renderReadyAt !== undefined &&
          (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming)
            .loadEventEnd > 0,
        undefined,
        { timeout: Math.max(1, deadline - Date.now()) },
      );
    } catch (err) {
      console.error(
        `  ${target.url}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
      );
      return null;
    }
    return await sample(page);
  } finally {
    await context.close();
  }
}

interface OverviewAnswer {
  state: string;
  drbd: unknown[];
  nodes: unknown[];
}

/**
 * Starts the demo with the scenario and waits until the collector's view holds every node's answer
 * (a partial first view is smaller). A loaded machine can miss the demo's own start-up deadlines,
 * so a start that fails is tried again, three times in all.
 */
async function startFullDemo(scenarios: string, nodes: number, workDir: string) {
  for (let attempt = 1; ; attempt++) {
    const demo = startDemo(scenarios, scenarioName(nodes), workDir);
    const gone = () => demo.exitCode !== null || demo.signalCode !== null;
    let output = "";
    demo.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // The demo's own reason, for the error when it gives up.
    let reason = "";
    demo.stderr!.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      reason = /^demo: .*/m.exec(chunk.toString())?.[0] ?? reason;
    });
    try {
      // Polled only once the demo says the dashboard is up: every new view answered costs the
      // server a model build, and a busy server misses the demo's own start-up deadline.
      await until(
        "its start-up line",
        () => Promise.resolve(/open http/.test(output) || null),
        300_000,
        gone,
      );
      const overview = await until(
        `the dashboard's full view of ${nodes} nodes`,
        async () => {
          const model = await json<OverviewAnswer>(`${base}/api/cluster?cluster=demo`);
          const full =
            model?.state === "OK" && model.nodes.length === nodes && model.drbd.length === volumes;
          if (!full) await sleep(intervalMs);
          return full ? model : null;
        },
        300_000,
        gone,
      );
      return { demo, overview };
    } catch (err) {
      await stopDemo(demo);
      if (attempt === 3) throw reason ? new Error(reason) : err;
      console.error(`  ${err instanceof Error ? err.message : String(err)}; starting it again`);
    }
  }
}

async function measureBrowser(browser: Browser, scenarios: string, nodes: number) {
  const workDir = mkdtempSync(path.join(tmpdir(), "tb-render-"));
  let demo: ChildProcess | null = null;
  try {
    const started = await startFullDemo(scenarios, nodes, workDir);
    demo = started.demo;
    const overview = started.overview;
    const displayKey = readFileSync(path.join(workDir, "display-key"), "utf8").trim();
    const pages: Record<"overview" | "wall", Target> = {
      overview: {
        url: `${base}/`,
        condition: {
          stateSelector: '[data-testid="cluster-state"]',
          nodeSelector: '[data-testid="node-card"]',
          nodes: overview.nodes.length,
          rowSelector: '[data-testid="drbd-row"]',
          rows: overview.drbd.length,
        },
        pairUrl: null,
      },
      wall: {
        url: `${base}/wall`,
        condition: {
          stateSelector: '[data-testid="wall-state-word"]',
          nodeSelector: '[data-testid="wall-node"]',
          nodes: overview.nodes.length,
          rowSelector: null,
          rows: 0,
        },
        pairUrl: `${base}/wall/pair?code=${encodeURIComponent(displayKey)}`,
      },
    };
    const result: Record<string, unknown> = {};
    for (const [page, target] of Object.entries(pages)) {
      const samples: PageSample[] = [];
      let notRendered = 0;
      for (let run = 0; run < runs; run++) {
        const one = await visit(browser, target);
        if (one) samples.push(one);
        else notRendered++;
      }
      const last = samples.at(-1);
      const ready = samples.length > 0 ? stats(samples.map((s) => s.readyMs)) : null;
      result[page] = {
        drbdRows: target.condition.rows || undefined,
        notRendered,
        readyMs: ready,
        responseStartMs: ready && stats(samples.map((s) => s.responseStartMs)),
        domContentLoadedMs: ready && stats(samples.map((s) => s.domContentLoadedMs)),
        loadMs: ready && stats(samples.map((s) => s.loadMs)),
        statesShown: [...new Set(samples.map((s) => s.stateShown))],
        htmlBytes: last?.htmlBytes ?? null,
        elements: last?.elements ?? null,
        layout: last?.layout ?? null,
        slow: ready === null || ready.median > SLOW_MS,
      };
      console.error(`  ${nodes} nodes ${page}: ${JSON.stringify(result[page])}`);
    }
    return result as unknown as Record<"overview" | "wall", BrowserFigures>;
  } finally {
    if (demo) await stopDemo(demo);
    rmSync(workDir, { recursive: true, force: true });
  }
}

interface Spread {
  median: number;
  max: number;
}

interface BrowserFigures {
  notRendered: number;
  readyMs: Spread | null;
  domContentLoadedMs: Spread | null;
  loadMs: Spread | null;
  statesShown: (string | null)[];
  elements: number | null;
  layout: PageSample["layout"] | null;
  slow: boolean;
}

function fit(page: "overview" | "wall", layout: BrowserFigures["layout"]): string {
  if (!layout) return "–";
  if (page === "overview")
    return layout.horizontalOverflow ? "scrolls sideways" : "no sideways scroll";
  return layout.fitsViewport
    ? "fits 1920×1080"
    : `overflows 1920×1080 (${layout.scrollWidth}×${layout.scrollHeight})`;
}

function table(results: Awaited<ReturnType<typeof measureSize>>[]): string {
  const lines = [
    "| nodes | page | server ms: evaluate + model | JSON bytes | ready ms, median / max | DOMContentLoaded / load ms | DOM elements | state first shown | layout |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
  ];
  for (const r of results) {
    for (const page of ["overview", "wall"] as const) {
      const model = page === "overview" ? r.server.overviewModelMs : r.server.wallModelMs;
      const server = `| ${r.nodes} | ${page === "overview" ? "/" : "/wall"} | ${r.server.evaluateMs.median} + ${model.median} | ${r.server.jsonBytes[page]} |`;
      if ("error" in r.browser) {
        lines.push(`${server} not measured: ${r.browser.error} | – | – | – | – |`);
        continue;
      }
      const b = r.browser[page];
      const ready = b.readyMs
        ? `${b.readyMs.median} / ${b.readyMs.max}${b.notRendered ? ` (${b.notRendered} of ${runs} not within ${timeoutMs / 1000} s)` : ""}`
        : `not within ${timeoutMs / 1000} s`;
      const loaded =
        b.domContentLoadedMs && b.loadMs
          ? `${b.domContentLoadedMs.median} / ${b.loadMs.median}`
          : "–";
      lines.push(
        `${server} ${ready} | ${loaded} | ${b.elements ?? "–"} | ` +
          `${b.statesShown.join(", ") || "–"} | ${fit(page, b.layout)} |`,
      );
    }
  }
  return lines.join("\n");
}

async function measureSize(browser: Browser, scenarios: string, nodes: number) {
  const server = await measureServer(path.join(scenarios, scenarioName(nodes)));
  console.error(`${nodes} nodes server: ${JSON.stringify(server)}`);
  try {
    return { nodes, volumes, server, browser: await measureBrowser(browser, scenarios, nodes) };
  } catch (err) {
    // The other sizes' figures still count: this size says why it has no browser figures.
    const error = err instanceof Error ? err.message : String(err);
    console.error(`  ${nodes} nodes: no browser figures: ${error}`);
    return { nodes, volumes, server, browser: { error } };
  }
}

async function main() {
  const scenarios = mkdtempSync(path.join(tmpdir(), "tb-render-scenarios-"));
  const browser = await chromium.launch({
    executablePath: process.env.TB_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  const loadBefore = loadavg();
  try {
    writeScenarios(scenarios);
    const results = [];
    for (const nodes of sizes) results.push(await measureSize(browser, scenarios, nodes));
    const result = {
      command: `npx tsx bench/render.ts ${process.argv.slice(2).join(" ")}`.trim(),
      at: new Date().toISOString(),
      runs,
      intervalMs,
      viewport: VIEWPORT,
      loadAverage: { before: loadBefore.map(round1), after: loadavg().map(round1) },
      results,
      markdown: table(results),
    };
    const out = path.join(projectDir, "bench/results");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "render.json"), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    console.log(`\n${table(results)}`);
    console.log(
      `\nload average (1, 5, 15 min): before ${result.loadAverage.before.join(", ")}, after ${result.loadAverage.after.join(", ")}`,
    );
  } finally {
    await browser.close();
    rmSync(scenarios, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
