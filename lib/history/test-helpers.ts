import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ComponentId } from "@/lib/surfaces/public-status";
import type { RecordedWord } from "./types";

/** A fresh folder for a test's database files; `cleanup` removes it. */
export function tempDir(prefix = "tb-history-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function words(
  entries: Partial<Record<ComponentId, RecordedWord>>,
): Map<ComponentId, RecordedWord> {
  return new Map(Object.entries(entries) as [ComponentId, RecordedWord][]);
}

export const T0 = Date.parse("2026-06-01T00:00:00Z");
export const SECOND = 1_000;
export const MINUTE = 60_000;
