import { spawn } from "node:child_process";
import { hostname, release } from "node:os";
import type { AgentConfig, ToolName } from "../config";
import { runCommand, toolEnv, type RunLimits, type RunOutcome } from "../exec";
import type { RawName, RawReader, WatchProbe } from "./raw";
import { readInstalledKernels } from "./installed-kernels";
import { readCapped } from "./read-capped";

type LiveSource =
  | { kind: "command"; tool: ToolName; args: string[] }
  | { kind: "file"; file: keyof AgentConfig["files"] };

function liveSources(config: AgentConfig): Record<RawName, LiveSource> {
  return {
    "corosync-quorumtool.txt": { kind: "command", tool: "corosync-quorumtool", args: ["-s"] },
    "corosync-qdevice-tool.txt": { kind: "command", tool: "corosync-qdevice-tool", args: ["-sv"] },
    "corosync.conf": { kind: "file", file: "corosync.conf" },
    "drbdsetup-status.json": {
      kind: "command",
      tool: "drbdsetup",
      args: ["status", "--json", "--verbose", "--statistics"],
    },
    "drbdsetup-events2.txt": {
      kind: "command",
      tool: "drbdsetup",
      args: ["events2", "--now", "--statistics"],
    },
    "drbdadm-status.txt": { kind: "command", tool: "drbdadm", args: ["status"] },
    "proc-drbd.txt": { kind: "file", file: "proc-drbd" },
    "proc-mounts.txt": { kind: "file", file: "proc-mounts" },
    "mounted-ocfs2.txt": { kind: "command", tool: "mounted.ocfs2", args: ["-f"] },
    "o2cb-status.txt": { kind: "command", tool: "o2cb", args: ["cluster-status"] },
    "ocfs2-cluster.conf": { kind: "file", file: "ocfs2-cluster.conf" },
    "corosync-cfgtool.txt": { kind: "command", tool: "corosync-cfgtool", args: ["-s"] },
    "corosync-cmapctl-stats.txt": {
      kind: "command",
      tool: "corosync-cmapctl",
      args: ["-m", "stats"],
    },
    "proxmox-boot-tool-kernel-list.txt": {
      kind: "command",
      tool: "proxmox-boot-tool",
      args: ["kernel", "list"],
    },
    "kernel-log.txt": {
      kind: "command",
      tool: "journalctl",
      args: ["-k", "-n", String(config.kernelLogLines), "--no-pager", "-o", "short"],
    },
  };
}

// The knet keys alone: a fraction of `-m stats`, read several times a second.
const WATCH: Record<WatchProbe, { tool: ToolName; args: string[] }> = {
  knet: { tool: "corosync-cmapctl", args: ["-m", "stats", "stats.knet."] },
  quorum: { tool: "corosync-quorumtool", args: ["-s"] },
};

/** Reads the running system: fixed commands without a shell, and fixed files. */
export function liveReader(config: AgentConfig): RawReader {
  const sources = liveSources(config);
  const limits: RunLimits = { timeoutMs: config.timeoutMs, maxOutputBytes: config.maxOutputBytes };
  return {
    mode: "live",
    nodeName: () => config.nodeName ?? hostname().split(".")[0] ?? hostname(),
    read(name): Promise<RunOutcome> {
      const source = sources[name];
      if (source.kind === "file") return readCapped(config.files[source.file], limits);
      const tool = config.tools[source.tool];
      const argv = typeof tool === "string" ? [tool] : tool;
      return runCommand([...argv, ...source.args], limits);
    },
    follow(probe, onOutput, onExit) {
      if (probe !== "quorum") return null;
      const argv = (name: ToolName) => {
        const tool = config.tools[name];
        return typeof tool === "string" ? [tool] : tool;
      };
      const [file, ...args] = [...argv("stdbuf"), "-oL", ...argv("corosync-quorumtool"), "-m"];
      const child = spawn(file, args, { stdio: ["ignore", "pipe", "ignore"], env: toolEnv() });
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (text: string) => onOutput(text));
      let exited = false;
      const exit = () => {
        if (exited) return;
        exited = true;
        onExit();
      };
      child.on("error", exit);
      child.on("exit", exit);
      return { stop: () => child.kill() };
    },
    watch(probe) {
      const { tool, args } = WATCH[probe];
      const configured = config.tools[tool];
      const argv = typeof configured === "string" ? [configured] : configured;
      return runCommand([...argv, ...args], limits);
    },
    kernelRelease: () => Promise.resolve(release()),
    installedKernels: () =>
      readInstalledKernels(
        {
          bootDir: config.files["boot-dir"],
          pin: config.files["proxmox-boot-pin"],
          nextBootPin: config.files["next-boot-pin"],
        },
        limits,
      ),
    clock: () => Promise.resolve({ epochMs: Date.now(), offsetMs: null }),
  };
}
