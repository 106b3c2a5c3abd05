/**
 * Detection latency on the real corosync lab: from cutting a node off (both of its corosync links)
 * to (a) corosync on the survivor reporting the membership change (its log's "[QUORUM] Members"
 * line), (b) the survivor's agent report showing it, (c) the dashboard API showing it, (d) the page
 * in Chromium showing it, and, earlier, (e) knet on the survivor marking every link to the victim
 * down (its log's "has no active links") and (f) the page's link matrix showing them down. Needs
 * root and the corosync packages.
 *   npx tsx bench/lab-latency.ts [cuts per case]
 */
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { parseCorosyncQuorumtool } from "@/lib/parsers/corosync-quorumtool";
import { startLabStack } from "@/lab/stack";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cuts = Number(process.argv[2] ?? "10");

interface Sample {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/** Reads what a log file gains from now on, every 10 ms, and times the first line matching each pattern. */
function followLog(file: string) {
  let offset = statSync(file).size;
  let text = "";
  const timer = setInterval(() => {
    const size = statSync(file).size;
    if (size <= offset) return;
    const fd = openSync(file, "r");
    const buffer = Buffer.alloc(size - offset);
    readSync(fd, buffer, 0, buffer.length, offset);
    closeSync(fd);
    offset = size;
    text += buffer.toString("utf8");
  }, 10);
  return {
    until: (pattern: RegExp, what: string) =>
      until(() => Promise.resolve(pattern.test(text)), what, 60_000, 10),
    stop: () => clearInterval(timer),
  };
}

async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
  everyMs = 50,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return Date.now();
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function stats(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    median: Math.round(median),
    max: Math.round(sorted[sorted.length - 1]!),
    min: Math.round(sorted[0]!),
  };
}

async function runCase(nodes: 2 | 3) {
  const stack = await startLabStack({
    projectDir,
    nodes,
    qdevice: false,
    prefix: `tbb${nodes}`,
    dashboardPort: 3400 + nodes,
    pvePort: 8410 + nodes * 10,
    controlPort: null,
    agentPort: 9495,
    intervalMs: 500,
    agentCacheMs: 200,
    startDashboard: true,
  });
  const browser = await chromium.launch({
    executablePath: process.env.TB_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const samples: Sample[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(stack.dashboardUrl);
    const survivor = "pve1";
    const victim = `pve${nodes}`;
    const healthy = (text: string) => {
      const q = parseCorosyncQuorumtool(text);
      return q.ok && q.value.quorate === true && q.value.members.length === nodes;
    };
    const pageShows = (cut: boolean) =>
      page.waitForFunction(
        ({ nodes, victim, cut }) => {
          const badge = document.querySelector<HTMLElement>('[data-testid="quorate-badge"]');
          const card = document.querySelector<HTMLElement>(
            `[data-testid="node-card"][data-node="${victim}"]`,
          );
          if (!badge || !card) return false;
          if (!cut) return badge.dataset.quorate === "true" && card.dataset.online === "true";
          return nodes === 2 ? badge.dataset.quorate === "false" : card.dataset.online === "false";
        },
        { nodes, victim, cut },
        { polling: 25, timeout: 60_000 },
      );
    const victimId = nodes;
    const survivorLog = path.join(stack.lab.stateDir, "logs", `${survivor}-corosync.log`);
    const pageShowsLinksDown = () =>
      page.waitForFunction(
        ({ survivor }) => {
          const cells = [
            ...document.querySelectorAll<HTMLElement>(
              `[data-testid="link-cell"][data-node="${survivor}"]`,
            ),
          ];
          return cells.length > 0 && cells.every((c) => c.dataset.connected === "false");
        },
        { survivor },
        { polling: 25, timeout: 60_000 },
      );
    const agentShows = async (cut: boolean): Promise<boolean> => {
      const r = await fetch(`${stack.agentUrl(survivor)}/v1/report`, {
        headers: { Authorization: `Bearer ${stack.agentToken}` },
      });
      const report = (await r.json()) as {
        sections: { corosync: { status: string; data?: { quorate: boolean; members: unknown[] } } };
      };
      const q = report.sections.corosync;
      if (q.status !== "ok" || !q.data) return false;
      const isCut = nodes === 2 ? q.data.quorate === false : q.data.members.length === nodes - 1;
      return cut ? isCut : q.data.quorate === true && q.data.members.length === nodes;
    };
    await pageShows(false);
    for (let i = 0; i < cuts; i++) {
      // corosync's own log on the survivor tells when knet and votequorum acted, to the tick of a
      // 10 ms file read, without loading the machine with a tool run every few milliseconds.
      const log = followLog(survivorLog);
      const t0 = Date.now();
      await stack.lab.cutLink(victim);
      const [a, b, c, d, e, f] = await Promise.all([
        log.until(/\[QUORUM\] Members\[/, "corosync on the survivor to report the membership"),
        until(() => agentShows(true), "the survivor's agent"),
        until(async () => {
          const r = (await (await fetch(`${stack.dashboardUrl}/api/cluster`)).json()) as {
            summary?: { quorate: boolean; nodes: { name: string; online: boolean }[] };
          };
          if (!r.summary) return false;
          return nodes === 2
            ? r.summary.quorate === false
            : r.summary.nodes.find((n) => n.name === victim)?.online === false;
        }, "the dashboard API"),
        pageShows(true).then(() => Date.now()),
        log.until(
          new RegExp(`\\[KNET +\\] host: host: ${victimId} has no active links`),
          "knet on the survivor to mark the links down",
        ),
        pageShowsLinksDown().then(() => Date.now()),
      ]);
      log.stop();
      samples.push({ a: a - t0, b: b - t0, c: c - t0, d: d - t0, e: e - t0, f: f - t0 });
      console.error(
        `${nodes} nodes, cut ${i + 1}: a ${a - t0} ms, b ${b - t0} ms, c ${c - t0} ms, d ${d - t0} ms, e ${e - t0} ms, f ${f - t0} ms`,
      );
      await stack.lab.healLink(victim);
      await until(
        async () => healthy(await stack.lab.quorumtool(survivor)),
        "the cluster to heal",
        60_000,
        100,
      );
      // The next cut starts only once every stage shows the healed state again.
      await until(() => agentShows(false), "the agent to heal", 60_000, 100);
      await pageShows(false);
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  return {
    nodes,
    cuts: samples.length,
    msFromCut: {
      a_corosync: stats(samples.map((s) => s.a)),
      b_agent: stats(samples.map((s) => s.b)),
      c_dashboardApi: stats(samples.map((s) => s.c)),
      d_page: stats(samples.map((s) => s.d)),
      e_knetLinkDown: stats(samples.map((s) => s.e)),
      f_pageLinkDown: stats(samples.map((s) => s.f)),
    },
    msAfterCorosync: {
      "d-a": stats(samples.map((s) => s.d - s.a)),
      "c-a": stats(samples.map((s) => s.c - s.a)),
      "b-a": stats(samples.map((s) => s.b - s.a)),
    },
    msAfterKnet: { "f-e": stats(samples.map((s) => s.f - s.e)) },
    samples,
  };
}

async function main() {
  const results = [await runCase(2), await runCase(3)];
  const out = { date: new Date().toISOString(), intervalMs: 500, agentCacheMs: 200, results };
  mkdirSync(path.join(projectDir, "bench/results"), { recursive: true });
  writeFileSync(
    path.join(projectDir, "bench/results/lab-latency.json"),
    JSON.stringify(out, null, 2),
  );
  console.log(
    JSON.stringify({ ...out, results: results.map(({ samples: _s, ...rest }) => rest) }, null, 2),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
