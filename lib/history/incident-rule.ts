import type { IncidentImpact, RecordedWord } from "./types";

/**
 * The debounce rule against flapping, in time: an incident opens once every sample for
 * `openAfterMs` has shown the component Degraded or Outage, and resolves once every sample for
 * `resolveAfterMs` has shown it clear (Operational, or gone from the cluster). Unknown samples
 * and samples more than `maxGapMs` apart break both runs, so neither is decided across a gap.
 */
export interface DebounceRule {
  openAfterMs: number;
  resolveAfterMs: number;
  maxGapMs: number;
}

/** The rule for a collector interval: N intervals to open, M to resolve, a gap of three. */
export function debounceRule(
  intervalMs: number,
  openAfterIntervals: number,
  resolveAfterIntervals: number,
): DebounceRule {
  return {
    openAfterMs: openAfterIntervals * intervalMs,
    resolveAfterMs: resolveAfterIntervals * intervalMs,
    maxGapMs: 3 * intervalMs,
  };
}

export interface TrackState {
  /** Start of the current run of Degraded or Outage samples. */
  badSinceMs: number | null;
  /** Start of the current run of Outage samples. */
  outageSinceMs: number | null;
  /** Start of the current run of clear samples. */
  clearSinceMs: number | null;
  lastSampleMs: number | null;
  incident: { id: number; impact: IncidentImpact } | null;
  /** An admin resolved the incident while the finding held: open none until it has cleared. */
  awaitClear: boolean;
}

export const INITIAL_TRACK: TrackState = {
  badSinceMs: null,
  outageSinceMs: null,
  clearSinceMs: null,
  lastSampleMs: null,
  incident: null,
  awaitClear: false,
};

export interface Sample {
  atMs: number;
  word: RecordedWord;
  /** A maintenance window covers this component now. */
  inMaintenance: boolean;
}

export type IncidentAction =
  | { kind: "open"; impact: IncidentImpact; sinceMs: number }
  | { kind: "escalate"; impact: "outage" }
  | { kind: "resolve"; clearSinceMs: number };

/** One sample through the rule: the next state and what, if anything, to do about an incident. */
export function track(
  previous: TrackState,
  sample: Sample,
  rule: DebounceRule,
): { state: TrackState; action: IncidentAction | null } {
  const gap = previous.lastSampleMs !== null && sample.atMs - previous.lastSampleMs > rule.maxGapMs;
  const s: TrackState = gap
    ? { ...previous, badSinceMs: null, outageSinceMs: null, clearSinceMs: null }
    : { ...previous };
  s.lastSampleMs = sample.atMs;
  const { atMs, word } = sample;
  const bad = (word === "Degraded" || word === "Outage") && !sample.inMaintenance;
  const clear = word === "Operational" || word === null;

  if (bad) {
    s.clearSinceMs = null;
    s.badSinceMs ??= atMs;
    s.outageSinceMs = word === "Outage" ? (s.outageSinceMs ?? atMs) : null;
  } else {
    s.badSinceMs = null;
    s.outageSinceMs = null;
    s.clearSinceMs = clear ? (s.clearSinceMs ?? atMs) : null;
  }
  if (clear) s.awaitClear = false;

  const held = (since: number | null) => since !== null && atMs - since >= rule.openAfterMs;
  if (s.incident === null) {
    if (s.awaitClear || !held(s.badSinceMs)) return { state: s, action: null };
    const impact: IncidentImpact = held(s.outageSinceMs) ? "outage" : "degraded";
    s.incident = { id: -1, impact };
    return { state: s, action: { kind: "open", impact, sinceMs: s.badSinceMs! } };
  }
  if (s.incident.impact === "degraded" && held(s.outageSinceMs)) {
    s.incident = { ...s.incident, impact: "outage" };
    return { state: s, action: { kind: "escalate", impact: "outage" } };
  }
  if (s.clearSinceMs !== null && atMs - s.clearSinceMs >= rule.resolveAfterMs) {
    const clearSinceMs = s.clearSinceMs;
    s.incident = null;
    return { state: s, action: { kind: "resolve", clearSinceMs } };
  }
  return { state: s, action: null };
}
