import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NotAScenarioError, scenarioMetaSchema, type ScenarioMeta } from "./meta";

export function readScenarioMeta(dir: string): ScenarioMeta {
  const file = path.join(dir, "scenario.json");
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new NotAScenarioError(`${dir} is not a folder`);
  if (!existsSync(file)) throw new NotAScenarioError(`${dir} has no scenario.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new NotAScenarioError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const meta = scenarioMetaSchema.safeParse(raw);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    throw new NotAScenarioError(
      `${file}: field "${issue?.path.join(".") || "(top level)"}": ${issue?.message}`,
    );
  }
  return meta.data;
}
