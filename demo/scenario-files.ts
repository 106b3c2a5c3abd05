import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";
import { NotAScenarioError, type ScenarioMeta } from "@/replay/meta";
import { readScenarioMeta } from "@/replay/meta-file";
import { DemoUsageError } from "./errors";

/** The parts of a scenario folder that make up its base state; timeline steps are applied later. */
const BASE_ENTRIES = ["scenario.json", "expected.json", "pve", "nodes", "linstor"];

/** Scenario names travel in URLs and in the switch request, which accepts only these characters. */
const NAME_PATTERN = /^[\w.-]+$/;

export interface ScenarioEntry {
  meta: ScenarioMeta;
  dir: string;
  /** Loaded from a --scenarios folder rather than the built-in scenarios/. */
  extra: boolean;
}

function scenarioFolders(root: string, extra: boolean): ScenarioEntry[] {
  return readdirSync(root, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, "scenario.json")),
    )
    .map((entry) => {
      const dir = path.join(root, entry.name);
      const meta = readScenarioMeta(dir);
      if (meta.name !== entry.name)
        throw new DemoUsageError(
          `${path.join(dir, "scenario.json")} is named "${meta.name}"; a scenario's name must equal its folder name`,
        );
      if (!NAME_PATTERN.test(entry.name))
        throw new DemoUsageError(
          `scenario folder ${dir}: a name may hold only letters, digits, ".", "_" and "-"`,
        );
      return { meta, dir, extra };
    });
}

function extraFolders(root: string): ScenarioEntry[] {
  const given = `--scenarios ${root}`;
  if (!existsSync(root)) throw new DemoUsageError(`${given}: no such folder`);
  if (!statSync(root).isDirectory()) throw new DemoUsageError(`${given}: not a folder`);
  if (existsSync(path.join(root, "scenario.json")))
    throw new DemoUsageError(
      `${given}: this is a scenario folder itself; give the folder that holds it`,
    );
  let found: ScenarioEntry[];
  try {
    found = scenarioFolders(root, true);
  } catch (err) {
    if (err instanceof NotAScenarioError) throw new DemoUsageError(`${given}: ${err.message}`);
    throw err;
  }
  if (found.length === 0)
    throw new DemoUsageError(`${given}: holds no scenario folder (a folder with a scenario.json)`);
  return found;
}

/**
 * The built-in scenarios and those of every extra folder, sorted by name. A name may be used once:
 * an extra scenario named like a built-in one (or like one in another extra folder) is an error.
 */
export function loadScenarioCatalog(builtInDir: string, extraDirs: readonly string[] = []) {
  const byName = new Map<string, ScenarioEntry>();
  for (const entry of [...scenarioFolders(builtInDir, false), ...extraDirs.flatMap(extraFolders)]) {
    const taken = byName.get(entry.meta.name);
    if (taken)
      throw new DemoUsageError(
        `scenario "${entry.meta.name}" in ${path.dirname(entry.dir)} is already taken by ${taken.extra ? taken.dir : "a built-in scenario"}; rename its folder and its "name"`,
      );
    byName.set(entry.meta.name, entry);
  }
  return [...byName.values()].sort((a, b) => a.meta.name.localeCompare(b.meta.name));
}

/** The scenario of that name, or a usage error that lists the names there are. */
export function findScenario(catalog: readonly ScenarioEntry[], name: string): ScenarioEntry {
  const entry = catalog.find((e) => e.meta.name === name);
  if (!entry)
    throw new DemoUsageError(
      `no scenario "${name}"; known: ${catalog.map((e) => e.meta.name).join(", ")}`,
    );
  return entry;
}

/** Node names from the agent folders and the API's cluster status, sorted. */
export function scenarioNodes(dir: string): string[] {
  const names = new Set<string>();
  const nodesDir = path.join(dir, "nodes");
  if (existsSync(nodesDir))
    for (const e of readdirSync(nodesDir, { withFileTypes: true }))
      if (e.isDirectory()) names.add(e.name);
  const status = path.join(dir, "pve", "cluster", "status.json");
  if (existsSync(status)) {
    try {
      for (const entry of JSON.parse(readFileSync(status, "utf8")) as {
        type?: string;
        name?: string;
      }[]) {
        if (entry.type === "node" && entry.name) names.add(entry.name);
      }
    } catch {
      // A malformed status.json is part of what a scenario may show; the API path reports it.
    }
  }
  return [...names].sort();
}

/** The loopback address each node's agent listens on: 127.0.0.11, .12, ... in name order. */
export function nodeAddresses(dir: string): Map<string, string> {
  return new Map(scenarioNodes(dir).map((name, i) => [name, `127.0.0.${11 + i}`]));
}

/** The nodes that run an agent: those with a folder of their own under nodes/. */
export function agentNodes(dir: string): string[] {
  return [...nodeAddresses(dir).keys()].filter((name) => existsSync(path.join(dir, "nodes", name)));
}

/** Replaces `dest` with the scenario's base state. */
export function materializeBase(scenarioDir: string, dest: string): void {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  for (const entry of BASE_ENTRIES) {
    const from = path.join(scenarioDir, entry);
    if (existsSync(from)) cpSync(from, path.join(dest, entry), { recursive: true });
  }
}

/** Overlays a timeline step's files; a `.remove` file lists paths (one a line) to delete. */
export function applyStep(stepDir: string, dest: string): void {
  const removeList = path.join(stepDir, ".remove");
  if (existsSync(removeList)) {
    for (const line of readFileSync(removeList, "utf8").split("\n")) {
      const rel = line.trim();
      if (rel === "" || rel.startsWith("#")) continue;
      const target = path.resolve(dest, rel);
      if (!target.startsWith(path.resolve(dest) + path.sep)) continue;
      rmSync(target, { recursive: true, force: true });
    }
  }
  cpSync(stepDir, dest, {
    recursive: true,
    filter: (src) => path.basename(src) !== ".remove",
  });
}
