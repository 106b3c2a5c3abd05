import { describe, expect, it } from "vitest";
import {
  debounceRule,
  INITIAL_TRACK,
  track,
  type IncidentAction,
  type Sample,
  type TrackState,
} from "./incident-rule";
import type { RecordedWord } from "./types";

// Interval 1 s: open after 3 intervals, resolve after 5, a gap is more than 3 s without a sample.
const RULE = debounceRule(1_000, 3, 5);

type Step = RecordedWord | "Outage!m" | "Degraded!m" | "gap";

/** Feeds one sample a second (a "gap" skips ten seconds) and lists the actions by second. */
function play(steps: readonly Step[], start: TrackState = INITIAL_TRACK): string[] {
  let state = start;
  let t = 0;
  const out: string[] = [];
  for (const step of steps) {
    if (step === "gap") {
      t += 10_000;
      continue;
    }
    const maintenance = typeof step === "string" && step.endsWith("!m");
    const word = (maintenance ? step.slice(0, -2) : step) as RecordedWord;
    const sample: Sample = { atMs: t, word, inMaintenance: maintenance };
    const result = track(state, sample, RULE);
    state = result.state;
    if (result.action) out.push(`${t / 1_000}s ${label(result.action)}`);
    if (result.action?.kind === "open")
      state = { ...state, incident: { id: 1, impact: result.action.impact } };
    t += 1_000;
  }
  return out;
}

function label(action: IncidentAction): string {
  if (action.kind === "open") return `open ${action.impact} since ${action.sinceMs / 1_000}s`;
  if (action.kind === "escalate") return "escalate";
  return `resolve since ${action.clearSinceMs / 1_000}s`;
}

const O = "Operational" as const;
const D = "Degraded" as const;
const X = "Outage" as const;
const U = "Unknown" as const;

describe("the debounce rule", () => {
  it.each<[string, Step[], string[]]>([
    ["a steady Operational component opens nothing", [O, O, O, O, O, O], []],
    [
      "a warning held for three intervals opens a degraded incident",
      [O, D, D, D, D],
      ["4s open degraded since 1s"],
    ],
    [
      "a critical finding held for three intervals opens an outage",
      [X, X, X, X],
      ["3s open outage since 0s"],
    ],
    ["a finding that flaps every two intervals never opens one", [X, X, O, X, X, O, X, X, O], []],
    ["an Unknown sample breaks the run: nothing is decided across it", [X, X, U, X, X, X], []],
    ["a gap in recording breaks the run", [X, X, "gap", X, X], []],
    [
      "a degraded incident escalates once the outage has held three intervals",
      [D, D, D, D, X, X, X, X],
      ["3s open degraded since 0s", "7s escalate"],
    ],
    [
      "it resolves after five clear intervals, from the first clear sample",
      [X, X, X, X, O, O, O, O, O, O],
      ["3s open outage since 0s", "9s resolve since 4s"],
    ],
    [
      "a relapse before five clear intervals keeps the incident open",
      [X, X, X, X, O, O, O, O, X, O, O, O, O, O],
      ["3s open outage since 0s"],
    ],
    [
      "a component that leaves the cluster counts as clear",
      [X, X, X, X, null, null, null, null, null, null],
      ["3s open outage since 0s", "9s resolve since 4s"],
    ],
    [
      "an outage inside a maintenance window opens nothing",
      ["Outage!m", "Outage!m", "Outage!m", "Outage!m"],
      [],
    ],
    [
      "an outage that outlasts its window opens only after three intervals outside it",
      ["Outage!m", "Outage!m", X, X, X, X],
      ["5s open outage since 2s"],
    ],
    [
      "a warning during maintenance resolves an open incident only once clear",
      [X, X, X, X, "Degraded!m", O, O, O, O, O, O],
      ["3s open outage since 0s", "10s resolve since 5s"],
    ],
  ])("%s", (_name, steps, actions) => {
    expect(play(steps)).toEqual(actions);
  });

  it("after an admin resolves an incident by hand, opens none until the component has cleared", () => {
    const resolvedByHand: TrackState = { ...INITIAL_TRACK, awaitClear: true, badSinceMs: -10_000 };
    expect(play([X, X, X, X], resolvedByHand)).toEqual([]);
    expect(play([X, O, X, X, X, X], resolvedByHand)).toEqual(["5s open outage since 2s"]);
  });
});
