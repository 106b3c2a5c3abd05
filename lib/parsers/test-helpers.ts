import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The shared, read-only real-output fixtures beside the project. */
export const sharedFixturesDir = path.resolve(root, "../shared/fixtures");
/** Outputs captured from this project's own corosync lab. */
export const projectFixturesDir = path.resolve(root, "fixtures");

export function sharedFixture(relative: string): string {
  return readFileSync(path.join(sharedFixturesDir, relative), "utf8");
}

export function projectFixture(relative: string): string {
  return readFileSync(path.join(projectFixturesDir, relative), "utf8");
}

export function listSharedFixtures(folder: string): string[] {
  return readdirSync(path.join(sharedFixturesDir, folder)).sort();
}
