import { readFileSync } from "node:fs";

import { waitFor } from "./wait";

export interface ProcessIdentity {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: tells a recorded process from a later one reusing its pid. */
  startTime: string;
}

interface ProcStat {
  state: string;
  startTime: string;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses; fields after the last ")" are fixed.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : null;
}

export function identify(pid: number): ProcessIdentity | null {
  const stat = readStat(pid);
  return stat ? { pid, startTime: stat.startTime } : null;
}

/** True while the very process recorded is running (zombies awaiting their parent count as gone). */
export function isAlive(proc: ProcessIdentity): boolean {
  const stat = readStat(proc.pid);
  return stat !== null && stat.startTime === proc.startTime && stat.state !== "Z";
}

export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Polls a condition without yielding to the event loop; used where no async work can run (exit handlers). */
export function waitUntilSync(done: () => boolean, timeoutMs: number, intervalMs = 25): boolean {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    sleepSync(intervalMs);
  }
  return true;
}

export interface Signallable extends ProcessIdentity {
  group: boolean;
}

function signal(proc: Signallable, sig: NodeJS.Signals): void {
  try {
    process.kill(proc.group ? -proc.pid : proc.pid, sig);
  } catch {
    // Already gone between the liveness check and the signal.
  }
}

export interface StopResult {
  stopped: number;
  survivors: number[];
}

/** SIGTERM, a bounded wait, then SIGKILL for whatever is left. */
export function stopProcesses(procs: Signallable[], graceMs: number): StopResult {
  const running = procs.filter(isAlive);
  for (const proc of running) signal(proc, "SIGTERM");
  waitUntilSync(() => running.every((p) => !isAlive(p)), graceMs);
  const stubborn = running.filter(isAlive);
  for (const proc of stubborn) signal(proc, "SIGKILL");
  waitUntilSync(() => stubborn.every((p) => !isAlive(p)), 2_000);
  return { stopped: running.length, survivors: stubborn.filter(isAlive).map((p) => p.pid) };
}

/** Async counterpart of stopProcesses for one process, used while the lab keeps running. */
export async function stopProcess(proc: Signallable, graceMs: number): Promise<void> {
  const gone = (): Promise<boolean> => Promise.resolve(!isAlive(proc));
  signal(proc, "SIGTERM");
  try {
    await waitFor(gone, { timeoutMs: graceMs, intervalMs: 25, what: `pid ${proc.pid} to exit` });
  } catch {
    signal(proc, "SIGKILL");
    await waitFor(gone, {
      timeoutMs: 2_000,
      intervalMs: 25,
      what: `pid ${proc.pid} to die on SIGKILL`,
    });
  }
}
