import { z } from "zod";
import type { CoverageSegment, RecordedWord, StateChange } from "@/lib/history/types";
import { WALL_STATES, type WallState } from "./cluster-state";
import { COMPONENT_IDS, componentName, type ComponentId } from "./public-status";

const stateSchema = z.enum(WALL_STATES);

export const timelineSpanSchema = z.object({
  startMs: z.number(),
  endMs: z.number(),
  state: stateSchema,
  /** False where nothing was recorded (the server was down or not hearing from the cluster). */
  recorded: z.boolean(),
});
export type TimelineSpan = z.infer<typeof timelineSpanSchema>;

export const timelineChangeSchema = z.object({
  atMs: z.number(),
  from: stateSchema,
  to: stateSchema,
  /** "Cluster quorum: Operational → Degraded", one line per part that changed. */
  lines: z.array(z.string()),
});
export type TimelineChange = z.infer<typeof timelineChangeSchema>;

/** The cluster's state over a window of recorded history, for the strip under the overview header. */
export const timelineSchema = z.object({
  fromMs: z.number(),
  toMs: z.number(),
  spans: z.array(timelineSpanSchema),
  /** The latest changes, oldest first; `omittedChanges` older ones are left out. */
  changes: z.array(timelineChangeSchema),
  omittedChanges: z.number().int().nonnegative(),
  /** Time in each state over the window; unrecorded time counts as UNKNOWN. */
  totals: z.array(z.object({ state: stateSchema, ms: z.number() })),
});
export type Timeline = z.infer<typeof timelineSchema>;

export interface TimelineHistory {
  fromMs: number;
  toMs: number;
  /** Every component's changes in the window, plus the last one before it for each. */
  changes: readonly StateChange[];
  coverage: readonly CoverageSegment[];
  /**
   * The recorder's heartbeat may lag the clock by up to this much: a last segment ending within
   * it of `toMs` is still running.
   */
  liveGapMs: number;
}

/** The most change marks one strip carries; a flapping cluster keeps its latest ones. */
export const TIMELINE_MAX_CHANGES = 60;

const WORD_STATES: Record<Exclude<RecordedWord, null>, WallState> = {
  Outage: "CRITICAL",
  Degraded: "DEGRADED",
  Unknown: "UNKNOWN",
  Operational: "OK",
};
const RANK: readonly WallState[] = ["CRITICAL", "DEGRADED", "UNKNOWN", "OK"];

type Words = Map<ComponentId, Exclude<RecordedWord, null>>;

function stateOf(words: Words): WallState {
  const states = [...words.values()].map((w) => WORD_STATES[w]);
  return RANK.find((s) => states.includes(s)) ?? "UNKNOWN";
}

function wordsAt(
  atMs: number,
  segmentStartMs: number,
  byComponent: Map<ComponentId, StateChange[]>,
): Words {
  const words: Words = new Map();
  for (const [id, list] of byComponent) {
    // Only a word recorded in this segment holds: after a gap the recorder writes every word anew.
    const last = list.findLast((c) => c.atMs <= atMs && c.atMs >= segmentStartMs);
    if (last?.word) words.set(id, last.word);
  }
  return words;
}

function diffLines(before: Words, after: Words): string[] {
  return COMPONENT_IDS.flatMap((id) => {
    const a = before.get(id);
    const b = after.get(id);
    if (a === b) return [];
    return [`${componentName(id)}: ${a ?? "not present"} → ${b ?? "not present"}`];
  });
}

interface Slice {
  startMs: number;
  endMs: number;
  recorded: boolean;
  words: Words;
  state: WallState;
}

/**
 * The cluster's state over [fromMs, toMs) from the recorded component words: the worst word at each
 * moment, and UNKNOWN wherever nothing was recorded, never the last state seen before a gap.
 */
export function toTimeline(history: TimelineHistory): Timeline {
  const { fromMs, toMs } = history;
  const byComponent = new Map<ComponentId, StateChange[]>();
  for (const c of [...history.changes].sort((a, b) => a.atMs - b.atMs))
    byComponent.set(c.componentId, [...(byComponent.get(c.componentId) ?? []), c]);
  const coverage = [...history.coverage]
    .sort((a, b) => a.startMs - b.startMs)
    .map((s, i, all) => ({
      startMs: s.startMs,
      endMs: i === all.length - 1 && toMs - s.endMs <= history.liveGapMs ? toMs : s.endMs,
    }));

  const within = (t: number) => t > fromMs && t < toMs;
  const points = new Set([fromMs, toMs]);
  for (const c of history.changes) if (within(c.atMs)) points.add(c.atMs);
  for (const s of coverage) for (const t of [s.startMs, s.endMs]) if (within(t)) points.add(t);
  const sorted = [...points].sort((a, b) => a - b);

  const slices: Slice[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const startMs = sorted[i]!;
    const segment = coverage.find((s) => s.startMs <= startMs && startMs < s.endMs);
    const words: Words = segment
      ? wordsAt(startMs, segment.startMs, byComponent)
      : new Map<ComponentId, Exclude<RecordedWord, null>>();
    slices.push({
      startMs,
      endMs: sorted[i + 1]!,
      recorded: segment !== undefined,
      words,
      state: segment ? stateOf(words) : "UNKNOWN",
    });
  }

  const spans: TimelineSpan[] = [];
  const changes: TimelineChange[] = [];
  slices.forEach((slice, i) => {
    const previous = slices[i - 1];
    const span = spans.at(-1);
    if (span && span.state === slice.state && span.recorded === slice.recorded)
      span.endMs = slice.endMs;
    else
      spans.push({
        startMs: slice.startMs,
        endMs: slice.endMs,
        state: slice.state,
        recorded: slice.recorded,
      });
    if (!previous) return;
    const lines =
      previous.recorded === slice.recorded
        ? diffLines(previous.words, slice.words)
        : [slice.recorded ? "Recording resumed" : "Nothing recorded from here: state unknown"];
    if (lines.length > 0)
      changes.push({ atMs: slice.startMs, from: previous.state, to: slice.state, lines });
  });

  const totals = RANK.map((state) => ({
    state,
    ms: spans.filter((s) => s.state === state).reduce((n, s) => n + s.endMs - s.startMs, 0),
  }));
  const kept = changes.slice(-TIMELINE_MAX_CHANGES);
  return {
    fromMs,
    toMs,
    spans,
    changes: kept,
    omittedChanges: changes.length - kept.length,
    totals,
  };
}
