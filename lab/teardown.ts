import { rmSync, rmdirSync } from "node:fs";
import path from "node:path";

import { identify, isAlive, stopProcesses, type ProcessIdentity, type StopResult } from "./proc";
import { runSync } from "./run";
import { readState, removeState, type TrackedProcess } from "./state";
import { allNamespaces, hostVethName } from "./topology";

export interface CleanupReport {
  stoppedProcesses: number;
  deletedNamespaces: string[];
  deletedHostVeth: string | null;
  /** Pids still running after SIGKILL (should stay empty). */
  survivors: number[];
}

const etcNetns = "/etc/netns";
const defaultGraceMs = 5_000;

/** Namespaces that exist right now, by name. */
export function listNamespaces(): string[] {
  const { stdout } = runSync("ip", ["netns", "list"]);
  return stdout
    .split("\n")
    .map((line) => line.split(" ")[0] ?? "")
    .filter((name) => name !== "");
}

export function linkExists(name: string): boolean {
  return runSync("ip", ["link", "show", "dev", name]).code === 0;
}

function pidsInNamespace(ns: string): ProcessIdentity[] {
  const { stdout } = runSync("ip", ["netns", "pids", ns]);
  return stdout
    .split("\n")
    .map((line) => Number.parseInt(line, 10))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid)
    .map(identify)
    .filter((proc): proc is ProcessIdentity => proc !== null);
}

/** The process that owns the prefix's running lab, when it is alive and not this process. */
export function liveOwner(prefix: string): ProcessIdentity | null {
  const owner = readState(prefix)?.owner;
  if (!owner || owner.pid === process.pid || !isAlive(owner)) return null;
  return owner;
}

/**
 * Removes everything a lab with this prefix may have left: recorded processes (checked by start time),
 * anything still running in its namespaces, the namespaces, the host veth and /etc/netns entries.
 */
export function cleanupPrefix(prefix: string, graceMs = defaultGraceMs): CleanupReport {
  const state = readState(prefix);
  const tracked = stopInStages(state?.processes ?? [], graceMs);

  const ours = new Set([...(state?.namespaces ?? []), ...allNamespaces(prefix)]);
  const present = listNamespaces().filter((ns) => ours.has(ns));
  const strays = present.flatMap(pidsInNamespace).map((p) => ({ ...p, group: false }));
  const swept = stopProcesses(strays, graceMs);
  for (const ns of present) runSync("ip", ["netns", "delete", ns]);

  // Deleting the bridge namespace normally takes the host veth with it, through its peer.
  const veth = state?.hostVeth ?? hostVethName(prefix);
  const vethExisted = linkExists(veth);
  if (vethExisted) runSync("ip", ["link", "delete", "dev", veth]);

  const dirs = new Set([
    ...(state?.etcNetnsDirs ?? []),
    ...allNamespaces(prefix).map((ns) => path.join(etcNetns, ns)),
  ]);
  for (const dir of dirs) {
    if (path.dirname(dir) === etcNetns) rmSync(dir, { recursive: true, force: true });
  }
  removeEmptyDir(etcNetns);
  removeState(prefix);

  return {
    stoppedProcesses: tracked.stopped + swept.stopped,
    deletedNamespaces: present,
    deletedHostVeth: vethExisted ? veth : null,
    survivors: [...tracked.survivors, ...swept.survivors],
  };
}

// Clients first: a qdevice whose corosync vanished under it logs a burst of CS_ERR_LIBRARY warnings.
const stopStages = [["spawn", "qdevice"], ["corosync", "qnetd"], ["holder"]];

function stageOf(proc: TrackedProcess): number {
  const kind = proc.role.split(":")[0] ?? "";
  const index = stopStages.findIndex((kinds) => kinds.includes(kind));
  return index === -1 ? 0 : index;
}

function stopInStages(procs: TrackedProcess[], graceMs: number): StopResult {
  const total: StopResult = { stopped: 0, survivors: [] };
  for (let stage = 0; stage < stopStages.length; stage++) {
    const result = stopProcesses(
      procs.filter((p) => stageOf(p) === stage),
      graceMs,
    );
    total.stopped += result.stopped;
    total.survivors.push(...result.survivors);
  }
  return total;
}

function removeEmptyDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (another tool's entries) or already gone: leave it.
  }
}
