import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { readScenarioMeta } from "@/replay/meta-file";
import type { ScenarioMeta } from "@/replay/meta";

/** The parts of a scenario folder that make up its base state; timeline steps are applied later. */
const BASE_ENTRIES = ["scenario.json", "expected.json", "pve", "nodes", "linstor"];

export function listScenarios(root: string): ScenarioMeta[] {
  return readdirSync(root, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, "scenario.json")),
    )
    .map((entry) => readScenarioMeta(path.join(root, entry.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
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
