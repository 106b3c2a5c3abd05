import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { closeSync, openSync, readFileSync, readlinkSync } from "node:fs";

import { identify, type ProcessIdentity } from "./proc";
import { run, runChecked, type RunOptions, type RunResult } from "./run";
import { waitFor } from "./wait";

export interface Spawned {
  child: ChildProcess;
  identity: ProcessIdentity;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Append stdout and stderr here; without it they are pipes the caller reads. */
  logFile?: string;
}

function start(cmd: string, args: string[], opts: SpawnOptions): Spawned {
  const fd = opts.logFile === undefined ? null : openSync(opts.logFile, "a");
  const stdio: StdioOptions = fd === null ? ["ignore", "pipe", "pipe"] : ["ignore", fd, fd];
  // Own process group, so a terminal's Ctrl-C reaches only us and teardown stops daemons in order.
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  // corosync would try to notify a systemd that is not its parent.
  delete env.NOTIFY_SOCKET;
  const child = spawn(cmd, args, { stdio, detached: true, env });
  if (fd !== null) closeSync(fd);
  const identity = child.pid === undefined ? null : identify(child.pid);
  if (!identity) throw new Error(`could not start ${cmd} ${args.join(" ")}`);
  return { child, identity };
}

/**
 * A `sleep infinity` that `ip netns exec` placed in the namespace's network and in a fresh mount namespace
 * (with /etc/netns/<ns>/* bound over /etc); every process of that lab machine joins its namespaces.
 */
export function spawnHolder(ns: string): Spawned {
  return start("ip", ["netns", "exec", ns, "sleep", "infinity"], { logFile: "/dev/null" });
}

function mountNs(pid: number | "self"): string {
  return readlinkSync(`/proc/${pid}/ns/mnt`);
}

function hasPrivateMountNs(pid: number): boolean {
  const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  return comm === "sleep" && mountNs(pid) !== mountNs("self");
}

/** Resolves once the holder has left the host's mount namespace, so mounts through it cannot hit the host. */
export async function waitHolderReady(pid: number): Promise<void> {
  await waitFor(() => Promise.resolve(hasPrivateMountNs(pid)), {
    timeoutMs: 5_000,
    intervalMs: 10,
    what: `holder ${pid} to enter its namespaces`,
  });
}

export async function mountTmpfs(holderPid: number, dirs: string[]): Promise<void> {
  if (!hasPrivateMountNs(holderPid))
    throw new Error(`refusing to mount: ${holderPid} shares the host mount namespace`);
  for (const dir of dirs) {
    await runChecked("nsenter", [
      "-t",
      String(holderPid),
      "-m",
      "mount",
      "-t",
      "tmpfs",
      "-o",
      "mode=0755",
      "tmpfs",
      dir,
    ]);
  }
}

export function nsenterArgs(holderPid: number, cmd: string, args: string[]): string[] {
  return ["-t", String(holderPid), "-m", "-n", "--", cmd, ...args];
}

/** Runs a command to completion in the holder's mount and network namespaces. */
export function execIn(
  holderPid: number,
  cmd: string,
  args: string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  return run("nsenter", nsenterArgs(holderPid, cmd, args), opts);
}

/** Starts a long-running process in the holder's namespaces; nsenter execs in place, so the pid is the command's. */
export function spawnIn(
  holderPid: number,
  cmd: string,
  args: string[],
  opts: SpawnOptions = {},
): Spawned {
  return start("nsenter", nsenterArgs(holderPid, cmd, args), opts);
}
