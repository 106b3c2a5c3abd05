import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { DrbdConnection, DrbdResource, DrbdStatus } from "./drbd-types";
import type { ParseResult } from "./result";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Real outputs, published or captured in this project's lab; provenance in fixtures/SOURCES.md. */
export const fixturesDir = path.resolve(root, "fixtures");

export function readFixture(relative: string): string {
  return readFileSync(path.join(fixturesDir, relative), "utf8");
}

/** The files of one fixture folder; throws when it is empty, so a loop over it never passes vacuously. */
export function listFixtures(folder: string): string[] {
  const names = readdirSync(path.join(fixturesDir, folder)).sort();
  if (names.length === 0) throw new Error(`no fixtures in ${folder}`);
  return names;
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
