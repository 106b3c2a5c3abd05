import { hostname, release } from "node:os";
import type { AgentConfig, ToolName } from "../config";
import { runCommand, type RunLimits, type RunOutcome } from "../exec";
import type { RawName, RawReader } from "./raw";
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
    "kernel-log.txt": {
      kind: "command",
      tool: "journalctl",
      args: ["-k", "-n", String(config.kernelLogLines), "--no-pager", "-o", "short"],
    },
  };
}

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
    kernelRelease: () => Promise.resolve(release()),
    clock: () => Promise.resolve({ epochMs: Date.now(), offsetMs: null }),
  };
}
