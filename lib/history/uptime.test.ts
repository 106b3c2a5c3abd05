import { describe, expect, it } from "vitest";
import { dayWord, upRatio } from "@/lib/surfaces/public-status";
import { emptyDurations, lastDays, wordDurations, type TimelineInput } from "./uptime";

const M = 60_000;
const base: TimelineInput = {
  fromMs: 0,
  toMs: 60 * M,
  changes: [{ atMs: 0, word: "Operational" }],
  coverage: [{ startMs: 0, endMs: 60 * M }],
  maintenance: [],
  firstRecordedMs: 0,
};

describe("word durations", () => {
  it.each<[string, Partial<TimelineInput>, Partial<ReturnType<typeof emptyDurations>>]>([
    ["an hour recorded Operational is an hour up", {}, { Operational: 60 * M }],
    [
      "a gap in coverage is Unknown, not the last word seen",
      {
        coverage: [
          { startMs: 0, endMs: 20 * M },
          { startMs: 30 * M, endMs: 60 * M },
        ],
        changes: [
          { atMs: 0, word: "Operational" },
          { atMs: 30 * M, word: "Operational" },
        ],
      },
      { Operational: 50 * M, Unknown: 10 * M },
    ],
    [
      "a segment without a change of its own is Unknown until one is recorded",
      {
        coverage: [
          { startMs: 0, endMs: 20 * M },
          { startMs: 30 * M, endMs: 60 * M },
        ],
        changes: [
          { atMs: 0, word: "Operational" },
          { atMs: 40 * M, word: "Operational" },
        ],
      },
      { Operational: 40 * M, Unknown: 20 * M },
    ],
    [
      "time after the last heartbeat is Unknown",
      { coverage: [{ startMs: 0, endMs: 45 * M }] },
      { Operational: 45 * M, Unknown: 15 * M },
    ],
    [
      "time before recording began has no data",
      {
        firstRecordedMs: 15 * M,
        coverage: [{ startMs: 15 * M, endMs: 60 * M }],
        changes: [{ atMs: 15 * M, word: "Operational" }],
      },
      { NoData: 15 * M, Operational: 45 * M },
    ],
    [
      "an outage inside a maintenance window counts as Maintenance",
      {
        changes: [
          { atMs: 0, word: "Operational" },
          { atMs: 10 * M, word: "Outage" },
          { atMs: 40 * M, word: "Operational" },
        ],
        maintenance: [{ startsAtMs: 5 * M, endsAtMs: 30 * M }],
      },
      { Operational: 30 * M, Maintenance: 20 * M, Outage: 10 * M },
    ],
    [
      "a component that left the cluster has no data while it is gone",
      {
        changes: [
          { atMs: 0, word: "Degraded" },
          { atMs: 20 * M, word: null },
        ],
      },
      { Degraded: 20 * M, NoData: 40 * M },
    ],
    [
      "the last change before the range decides its start",
      {
        fromMs: 30 * M,
        changes: [{ atMs: 10 * M, word: "Outage" }],
        coverage: [{ startMs: 0, endMs: 60 * M }],
      },
      { Outage: 30 * M },
    ],
  ])("%s", (_name, tweak, expected) => {
    expect(wordDurations({ ...base, ...tweak })).toEqual({ ...emptyDurations(), ...expected });
  });
});

describe("uptime ratio and day word", () => {
  it.each([
    ["all Operational", { Operational: 100 }, 1, "Operational"],
    ["Degraded counts as up", { Operational: 50, Degraded: 50 }, 1, "Degraded"],
    ["Unknown counts as not up", { Operational: 90, Unknown: 10 }, 0.9, "Unknown"],
    ["an outage lowers it", { Operational: 75, Outage: 25 }, 0.75, "Outage"],
    ["maintenance is left out", { Operational: 50, Maintenance: 50 }, 1, "Maintenance"],
    ["no data at all is no ratio", { NoData: 100 }, null, null],
    [
      "a sliver of Unknown keeps the day's word",
      { Operational: 999, Unknown: 1 },
      0.999,
      "Operational",
    ],
  ] as const)("%s", (_name, ms, ratio, word) => {
    const d = { ...emptyDurations(), ...ms };
    expect(upRatio(d)).toBe(ratio);
    expect(dayWord(d)).toBe(word);
  });
});

describe("days", () => {
  it("lists the UTC days ending today, oldest first", () => {
    expect(lastDays(Date.parse("2026-03-02T10:00:00Z"), 3)).toEqual([
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });
});
