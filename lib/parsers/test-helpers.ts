import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { DrbdConnection, DrbdResource, DrbdStatus } from "./drbd-types";
import type { ParseResult } from "./result";

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

/** The value of a parse the test expects to succeed. */
export function parsedValue<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

export function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

export function resource(status: DrbdStatus, name: string): DrbdResource {
  const found = status.resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource ${name}`);
  return found;
}

export function peer(res: DrbdResource, name: string): DrbdConnection {
  const found = res.connections.find((c) => c.peerName === name);
  if (!found) throw new Error(`no connection ${name}`);
  return found;
}
