import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import type { ComponentId } from "@/lib/surfaces/public-status";
import { openSqliteHistory, type SqliteHistoryStore } from "./sqlite-store";
import type { RecordedWord } from "./types";

/** A fresh folder for a test's database files; `cleanup` removes it. */
export function tempDir(prefix = "tb-history-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Gives each test a fresh folder (`dir()`) with a history file that `store()` opens, again after a
 * simulated restart if called twice; every store is closed and the folder removed after the test.
 */
export function historyPerTest(prefix: string): {
  dir: () => string;
  store: () => SqliteHistoryStore;
} {
  let dir = "";
  let cleanup = () => {};
  const open: SqliteHistoryStore[] = [];
  beforeEach(() => ({ dir, cleanup } = tempDir(prefix)));
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    cleanup();
  });
  return {
    dir: () => dir,
    store: () => {
      const s = openSqliteHistory(path.join(dir, "history.sqlite"));
      open.push(s);
      return s;
    },
  };
}

export function words(
  entries: Partial<Record<ComponentId, RecordedWord>>,
): Map<ComponentId, RecordedWord> {
  return new Map(Object.entries(entries) as [ComponentId, RecordedWord][]);
}

export const T0 = Date.parse("2026-06-01T00:00:00Z");
export const SECOND = 1_000;
export const MINUTE = 60_000;
