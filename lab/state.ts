import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { ProcessIdentity } from "./proc";

export const stateRoot = "/run/tiebreaker-lab";

export interface TrackedProcess extends ProcessIdentity {
  role: string;
  /** Spawned as its own process group; teardown signals the whole group. */
  group: boolean;
}

export interface LabState {
  prefix: string;
  subnet: string;
  owner: ProcessIdentity;
  createdAt: string;
  namespaces: string[];
  hostVeth: string | null;
  etcNetnsDirs: string[];
  processes: TrackedProcess[];
}

export function stateDirFor(prefix: string): string {
  return path.join(stateRoot, prefix);
}

export function stateFileFor(prefix: string): string {
  return path.join(stateDirFor(prefix), "state.json");
}

export function readState(prefix: string): LabState | null {
  let text: string;
  try {
    text = readFileSync(stateFileFor(prefix), "utf8");
  } catch {
    return null;
  }
  try {
    return JSON.parse(text) as LabState;
  } catch {
    return null;
  }
}

/** Written before each resource is created, so a crash at any point leaves a complete record. */
export function writeState(state: LabState): void {
  const file = stateFileFor(state.prefix);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

export function removeState(prefix: string): void {
  rmSync(stateFileFor(prefix), { force: true });
}
