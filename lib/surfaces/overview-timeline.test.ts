import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { componentWords, HistoryRecorder } from "@/lib/history/recorder";
import { openSqliteHistory, type SqliteHistoryStore } from "@/lib/history/sqlite-store";
import { MINUTE, tempDir } from "@/lib/history/test-helpers";
import { clusterTimeline } from "@/lib/history/timeline";
import { DAY_MS } from "@/lib/history/uptime";
import { toTimeline, timelineSchema, TIMELINE_MAX_CHANGES } from "./overview-timeline";
import { evaluated } from "./test-helpers";

const INTERVAL = MINUTE;
const NOW = Date.parse("2026-11-30T12:00:00Z");
let dir: string;
let cleanup: () => void;
let store: SqliteHistoryStore;

beforeEach(() => {
  ({ dir, cleanup } = tempDir("tb-timeline-"));
  store = openSqliteHistory(path.join(dir, "history.sqlite"));
});
afterEach(() => {
  store.close();
  cleanup();
});

/** Records a scenario's words every interval over [fromMs, toMs), as the live recorder would. */
async function hold(recorder: HistoryRecorder, scenario: string, fromMs: number, toMs: number) {
  const words = componentWords(await evaluated(scenario));
  for (let t = fromMs; t < toMs; t += INTERVAL) recorder.observe("demo", INTERVAL, words, t);
}

describe("the last 24 hours", () => {
  it("shows the recorded states, marks each change with what changed, and a gap as unknown", async () => {
    const recorder = new HistoryRecorder(store, {
      openAfterIntervals: 3,
      resolveAfterIntervals: 5,
    });
    const start = NOW - 4 * 60 * MINUTE;
    await hold(recorder, "healthy-3-node", start, start + 60 * MINUTE);
    await hold(recorder, "drbd9-split-brain", start + 60 * MINUTE, start + 70 * MINUTE);
    await hold(recorder, "healthy-3-node", start + 70 * MINUTE, start + 120 * MINUTE);
    // The server is down for an hour, then records again until now.
    await hold(recorder, "healthy-3-node", start + 180 * MINUTE, NOW + 1);

    const timeline = timelineSchema.parse(clusterTimeline(store, "demo", INTERVAL, NOW));
    expect(timeline.toMs - timeline.fromMs).toBe(DAY_MS);
    expect(timeline.spans.map((s) => [s.state, s.recorded])).toEqual([
      ["UNKNOWN", false],
      ["OK", true],
      ["CRITICAL", true],
      ["OK", true],
      ["UNKNOWN", false],
      ["OK", true],
    ]);
    expect(timeline.spans[1]!.startMs).toBe(start);
    expect(timeline.spans[2]).toMatchObject({
      startMs: start + 60 * MINUTE,
      endMs: start + 70 * MINUTE,
    });
    // The recorder's last heartbeat was one interval ago: the strip runs up to now, not unknown.
    expect(timeline.spans.at(-1)!.endMs).toBe(NOW);

    const split = timeline.changes.find((c) => c.atMs === start + 60 * MINUTE)!;
    expect(split).toMatchObject({ from: "OK", to: "CRITICAL" });
    // The split-brain capture has DRBD and no shared storage; the healthy one the other way round.
    expect(split.lines).toEqual([
      "Replicated storage (DRBD): not present → Outage",
      "Shared storage: Operational → not present",
    ]);
    const back = timeline.changes.find((c) => c.atMs === start + 70 * MINUTE)!;
    expect(back.lines).toEqual([
      "Replicated storage (DRBD): Outage → not present",
      "Shared storage: not present → Operational",
    ]);
    const gap = timeline.changes.find((c) => c.to === "UNKNOWN" && c.from === "OK")!;
    expect(gap.lines).toEqual(["Nothing recorded from here: state unknown"]);

    const total = (state: string) => timeline.totals.find((t) => t.state === state)!.ms;
    expect(total("CRITICAL")).toBe(10 * MINUTE);
    // The last heartbeat before the gap was one interval before its end.
    expect(total("UNKNOWN")).toBe(DAY_MS - 4 * 60 * MINUTE + 60 * MINUTE + INTERVAL);
  });

  it("is all unknown before anything was recorded, never OK", () => {
    const timeline = clusterTimeline(store, "demo", INTERVAL, NOW);
    expect(timeline.spans).toEqual([
      { startMs: NOW - DAY_MS, endMs: NOW, state: "UNKNOWN", recorded: false },
    ]);
    expect(timeline.changes).toEqual([]);
  });

  it("turns unknown once the recorder has been silent for more than three intervals", async () => {
    const recorder = new HistoryRecorder(store, {
      openAfterIntervals: 3,
      resolveAfterIntervals: 5,
    });
    await hold(recorder, "healthy-3-node", NOW - 60 * MINUTE, NOW - 10 * MINUTE);
    const timeline = clusterTimeline(store, "demo", INTERVAL, NOW);
    expect(timeline.spans.at(-1)).toMatchObject({ state: "UNKNOWN", recorded: false });
  });

  it("keeps only the latest changes of a flapping cluster and counts the rest", () => {
    const changes = Array.from({ length: TIMELINE_MAX_CHANGES + 10 }, (_, i) => ({
      clusterId: "demo",
      componentId: "quorum" as const,
      atMs: NOW - 1_000 * (TIMELINE_MAX_CHANGES + 10 - i),
      word: i % 2 === 0 ? ("Operational" as const) : ("Degraded" as const),
    }));
    const timeline = toTimeline({
      fromMs: NOW - DAY_MS,
      toMs: NOW,
      changes,
      coverage: [{ clusterId: "demo", startMs: NOW - DAY_MS, endMs: NOW }],
      liveGapMs: 0,
    });
    expect(timeline.changes).toHaveLength(TIMELINE_MAX_CHANGES);
    expect(timeline.omittedChanges).toBe(10);
    expect(timeline.changes.at(-1)!.atMs).toBe(changes.at(-1)!.atMs);
  });
});
