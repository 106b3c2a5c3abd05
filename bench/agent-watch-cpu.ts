/**
 * What the agent's change watch costs on a real corosync node: CPU of `tiebreaker-agent serve`
 * (with the tools it runs) over 60 s, idle, with `watchMs` 0 (no watch) and 250 (the default).
 * Needs root and the corosync packages.
 *   npx tsx bench/agent-watch-cpu.ts [seconds]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startLab } from "@/lab/lab";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(projectDir, "agent/dist/tiebreaker-agent.cjs");
const seconds = Number(process.argv[2] ?? "60");
const CLK_TCK = 100;

/** utime + stime of the process and of its children it has waited for, in clock ticks. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return [11, 12, 13, 14].map((i) => Number(fields[i])).reduce((a, b) => a + b, 0);
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), "tb-watch-cpu-"));
  writeFileSync(path.join(work, "token"), "token-0123456789abcdef\n");
  const lab = await startLab({ nodes: 3, qdevice: false, prefix: "tbwcpu", subnet: "172.31.217" });
  const results: { watchMs: number; percentOfOneCore: number }[] = [];
  try {
    const node = lab.nodes[0]!;
    for (const [i, watchMs] of [0, 250].entries()) {
      const config = path.join(work, `agent-${watchMs}.json`);
      writeFileSync(config, JSON.stringify({ watchMs }));
      const listen = `${node.ip}:${9781 + i}`;
      lab.spawnInNode(
        node.name,
        process.execPath,
        [
          bundle,
          "serve",
          "--config",
          config,
          "--node-name",
          node.name,
          "--listen",
          listen,
          "--token-file",
          path.join(work, "token"),
        ],
        { logFile: path.join(work, "agent.log") },
      );
      await new Promise((r) => setTimeout(r, 3_000));
      const pid = Number(
        execFileSync("pgrep", ["-f", `${bundle} serve --config ${config}`])
          .toString()
          .split("\n")[0],
      );
      const before = cpuTicks(pid);
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const used = (cpuTicks(pid) - before) / CLK_TCK;
      results.push({ watchMs, percentOfOneCore: Math.round((used / seconds) * 1000) / 10 });
    }
  } finally {
    await lab.teardown();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ date: new Date().toISOString(), seconds, results }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
