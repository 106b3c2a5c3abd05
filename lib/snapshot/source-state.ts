import type { SourceFailure, SourceState } from "./types";

/** What a collector remembers of one source between polls. */
export interface SourceMemory<T> {
  data: T | null;
  fetchedAtMs: number | null;
  error: SourceFailure | null;
}

export function emptyMemory<T>(): SourceMemory<T> {
  return { data: null, fetchedAtMs: null, error: null };
}

export function remember<T>(memory: SourceMemory<T>, data: T, atMs: number): SourceMemory<T> {
  return { data, fetchedAtMs: atMs, error: null };
}

/** A failure keeps the last good answer: the page shows it with its age and this reason. */
export function rememberFailure<T>(memory: SourceMemory<T>, error: SourceFailure): SourceMemory<T> {
  return { ...memory, error };
}

export function toSourceState<T>(
  memory: SourceMemory<T>,
  nowMs: number,
  staleAfterMs: number,
): SourceState<T> {
  const ageMs = memory.fetchedAtMs === null ? null : Math.max(0, nowMs - memory.fetchedAtMs);
  return {
    data: memory.data,
    fetchedAt: memory.fetchedAtMs === null ? null : new Date(memory.fetchedAtMs).toISOString(),
    ageMs,
    fresh: memory.data !== null && ageMs !== null && ageMs <= staleAfterMs,
    error: memory.error,
  };
}
