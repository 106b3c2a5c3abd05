/**
 * Agent cost on a node: resident memory and CPU time per report at one request per second, and
 * report latency with every source present. Prints numbers; asserts nothing.
 * Started with the Node flags of agent/tiebreaker-agent.service unless TB_AGENT_NODE_FLAGS is set.
 *   npx tsx bench/agent-bench.ts [seconds]
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.resolve(projectDir, "fixtures");
const bundle = path.join(projectDir, "agent/dist/tiebreaker-agent.cjs");
const seconds = Number(process.argv[2] ?? "60");
const token = "bench-token-0123456789abcdef";
const CLK_TCK = 100;

/** One node folder with every source the agent reads, from real outputs. */
function nodeFolder(root: string): string {
  const dir = path.join(root, "pve1");
  mkdirSync(dir, { recursive: true });
  const copy = (from: string, to: string) =>
    copyFileSync(path.join(fixtures, from), path.join(dir, to));
  copy("corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt", "corosync-quorumtool.txt");
  copy("corosync-cli/lab/qdevice-tool-sv-connected.txt", "corosync-qdevice-tool.txt");
  copy("pve-config/corosync-conf-pve-2node-qdevice-net-ffsplit-tls-homelab.conf", "corosync.conf");
  copy(
    "drbd/drbdsetup-status-json-2res-quorum-false-ha_cluster_exporter.json",
    "drbdsetup-status.json",
  );
  copy("ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt", "proc-mounts.txt");
  copy("ocfs2/o2cb-cluster-status-online-cloudabc.txt", "o2cb-status.txt");
  copy("ocfs2/cluster-conf-2node-local-heartbeat-spaces-icicimov.conf", "ocfs2-cluster.conf");
  copy("lab/cfgtool-s-3node-2links-healthy-pve1.txt", "corosync-cfgtool.txt");
  copy("lab/cmapctl-m-stats-3node-2links-healthy-pve1.txt", "corosync-cmapctl-stats.txt");
  // A full kernel log window: the real OCFS2 and DRBD lines repeated to the 2,000 lines the agent reads.
  const log = [
    readFileSync(
      path.join(
        fixtures,
        "ocfs2/kernel-log-ocfs2-mount-local-loop-with-unrelated-floppy-errors-ocfs2tools46.txt",
      ),
      "utf8",
    ),
    readFileSync(
      path.join(
        fixtures,
        "drbd/kernel-log-drbd9-split-brain-detected-unresolved-partial-drbd58.txt",
      ),
      "utf8",
    ),
  ].join("");
  const lines = log.split("\n").filter(Boolean);
  writeFileSync(
    path.join(dir, "kernel-log.txt"),
    Array.from({ length: 2000 }, (_, i) => lines[i % lines.length]).join("\n") + "\n",
  );
  writeFileSync(path.join(dir, "uname-r.txt"), "6.8.12-4-pve\n");
  writeFileSync(path.join(dir, "clock-offset-ms.txt"), "3\n");
  return dir;
}

function procStats(pid: number): { rssKiB: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  return { rssKiB, cpuSeconds };
}

/**
 * Node's flags as the systemd unit's ExecStart gives them (between `node` and the bundle), so the
 * agent runs exactly as it does on a node; TB_AGENT_NODE_FLAGS, when set, replaces them.
 */
function nodeFlags(): string[] {
  const override = process.env.TB_AGENT_NODE_FLAGS;
  if (override !== undefined) return override.split(" ").filter(Boolean);
  const unit = readFileSync(path.join(projectDir, "agent/tiebreaker-agent.service"), "utf8");
  const exec = /^ExecStart=\S*node\s+(.*?)\s*\S+tiebreaker-agent\.cjs/m.exec(unit);
  return exec ? exec[1]!.split(/\s+/).filter(Boolean) : [];
}

async function startAgent(
  root: string,
  work: string,
  cacheMs: number,
): Promise<{ child: ChildProcess; url: string }> {
  const port = 19_000 + Math.floor(Math.random() * 1000);
  writeFileSync(path.join(work, "token"), token);
  writeFileSync(path.join(work, `agent-${cacheMs}.json`), JSON.stringify({ cacheMs }));
  const flags = nodeFlags();
  const child = spawn(
    process.execPath,
    [
      ...flags,
      bundle,
      "serve",
      "--config",
      path.join(work, `agent-${cacheMs}.json`),
      "--root",
      root,
      "--listen",
      `127.0.0.1:${port}`,
      "--token-file",
      path.join(work, "token"),
    ],
    { stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error("agent did not start");
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function report(url: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${url}/v1/report`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return performance.now() - t0;
}

async function main() {
  execFileSync(process.execPath, [path.join(projectDir, "agent/build.mjs")]);
  const work = mkdtempSync(path.join(tmpdir(), "tb-bench-"));
  const root = nodeFolder(work);
  try {
    // Latency with every source present and no cache: each request runs a full collection.
    const cold = await startAgent(root, work, 0);
    for (let i = 0; i < 20; i++) await report(cold.url);
    const latencies: number[] = [];
    for (let i = 0; i < 300; i++) latencies.push(await report(cold.url));
    latencies.sort((a, b) => a - b);
    cold.child.kill();

    // Steady state at one request per second, as one dashboard polling every second.
    const steady = await startAgent(root, work, 0);
    await report(steady.url);
    const before = procStats(steady.child.pid!);
    let maxRss = before.rssKiB;
    for (let i = 0; i < seconds; i++) {
      await report(steady.url);
      maxRss = Math.max(maxRss, procStats(steady.child.pid!).rssKiB);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const after = procStats(steady.child.pid!);
    steady.child.kill();

    const result = {
      bundleBytes: statSync(bundle).size,
      reportLatencyMs: {
        median: Number(quantile(latencies, 0.5).toFixed(2)),
        p95: Number(quantile(latencies, 0.95).toFixed(2)),
        max: Number(latencies[latencies.length - 1]!.toFixed(2)),
        samples: latencies.length,
      },
      atOneRequestPerSecond: {
        seconds,
        rssMiB: {
          end: Number((after.rssKiB / 1024).toFixed(1)),
          max: Number((maxRss / 1024).toFixed(1)),
        },
        cpuMsPerReport: Number(
          (((after.cpuSeconds - before.cpuSeconds) * 1000) / seconds).toFixed(2),
        ),
        cpuPercent: Number((((after.cpuSeconds - before.cpuSeconds) / seconds) * 100).toFixed(3)),
      },
      node: process.version,
      nodeFlags: nodeFlags().join(" "),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
