import type { CoverageSegment, StateChange, WordDurations } from "./types";

export const DAY_MS = 86_400_000;

export function emptyDurations(): WordDurations {
  return { Operational: 0, Degraded: 0, Outage: 0, Unknown: 0, Maintenance: 0, NoData: 0 };
}

export interface TimelineInput {
  fromMs: number;
  toMs: number;
  /** One component's changes, any order; the last one before fromMs decides the start. */
  changes: readonly Pick<StateChange, "atMs" | "word">[];
  coverage: readonly Pick<CoverageSegment, "startMs" | "endMs">[];
  /** Maintenance covering this component. */
  maintenance: readonly { startsAtMs: number; endsAtMs: number }[];
  /** The first moment ever recorded for the cluster; time before it has no data. */
  firstRecordedMs: number | null;
}

/**
 * How long a component spent in each word over [fromMs, toMs). A word holds from its change to
 * the next one but only inside the coverage segment it was recorded in: time outside every segment
 * (the server was down or not hearing from the cluster) is Unknown, never the last word seen.
 * Inside a maintenance window anything but Operational counts as Maintenance.
 */
export function wordDurations(input: TimelineInput): WordDurations {
  const { fromMs, toMs, firstRecordedMs } = input;
  const out = emptyDurations();
  if (toMs <= fromMs) return out;
  const changes = [...input.changes].sort((a, b) => a.atMs - b.atMs);
  const coverage = [...input.coverage].sort((a, b) => a.startMs - b.startMs);
  const points = new Set<number>([fromMs, toMs]);
  const within = (t: number) => t > fromMs && t < toMs;
  for (const c of changes) if (within(c.atMs)) points.add(c.atMs);
  for (const s of coverage) for (const t of [s.startMs, s.endMs]) if (within(t)) points.add(t);
  for (const m of input.maintenance)
    for (const t of [m.startsAtMs, m.endsAtMs]) if (within(t)) points.add(t);
  if (firstRecordedMs !== null && within(firstRecordedMs)) points.add(firstRecordedMs);
  const sorted = [...points].sort((a, b) => a - b);

  let change = -1;
  let segment = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const length = sorted[i + 1]! - a;
    while (change + 1 < changes.length && changes[change + 1]!.atMs <= a) change++;
    while (segment < coverage.length && coverage[segment]!.endMs <= a) segment++;
    const seg = coverage[segment];
    let word: keyof WordDurations;
    if (firstRecordedMs === null || a < firstRecordedMs) word = "NoData";
    else if (!seg || seg.startMs > a) word = "Unknown";
    else {
      const last = changes[change];
      word = !last || last.atMs < seg.startMs ? "Unknown" : (last.word ?? "NoData");
    }
    if (
      word !== "Operational" &&
      word !== "NoData" &&
      input.maintenance.some((m) => m.startsAtMs <= a && a < m.endsAtMs)
    )
      word = "Maintenance";
    out[word] += length;
  }
  return out;
}

export function addDurations(list: readonly WordDurations[]): WordDurations {
  const out = emptyDurations();
  for (const d of list)
    for (const key of Object.keys(out) as (keyof WordDurations)[]) out[key] += d[key];
  return out;
}

/** The UTC day (YYYY-MM-DD) holding `ms`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** The `count` UTC days ending with the one holding `nowMs`, oldest first. */
export function lastDays(nowMs: number, count: number): string[] {
  const today = dayStartMs(utcDay(nowMs));
  return Array.from({ length: count }, (_, i) => utcDay(today - (count - 1 - i) * DAY_MS));
}
