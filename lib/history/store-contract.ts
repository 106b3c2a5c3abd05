import { describe, expect, it } from "vitest";
import { HistoryRecorder } from "./recorder";
import type { SqliteHistoryStore } from "./sqlite-store";
import { MINUTE, SECOND, T0, words } from "./test-helpers";
import { DAY_MS, emptyDurations } from "./uptime";

const OPTIONS = { openAfterIntervals: 3, resolveAfterIntervals: 5 };

/** Records `word` for the quorum component every `step` from `fromMs` to `toMs`. */
function run(
  recorder: HistoryRecorder,
  fromMs: number,
  toMs: number,
  word: "Operational" | "Outage" | "Degraded",
  step = 5 * SECOND,
) {
  for (let t = fromMs; t <= toMs; t += step)
    recorder.observe("c1", step, words({ quorum: word, nodes: "Operational" }), t);
}

/**
 * What every history store must do, whatever keeps it: run once per engine with `store()` opening
 * an empty store for the test (closed by the caller afterwards).
 */
export function historyStoreContract(store: () => SqliteHistoryStore): void {
  describe("recording", () => {
    it("writes a state change only when a component's word changes", () => {
      const s = store();
      const recorder = new HistoryRecorder(s, OPTIONS);
      run(recorder, T0, T0 + MINUTE, "Operational");
      run(recorder, T0 + MINUTE + 5 * SECOND, T0 + 2 * MINUTE, "Degraded");
      const quorum = s.changes("c1", T0, T0 + DAY_MS).filter((c) => c.componentId === "quorum");
      expect(quorum.map((c) => [c.atMs - T0, c.word])).toEqual([
        [0, "Operational"],
        [MINUTE + 5 * SECOND, "Degraded"],
      ]);
      expect(s.coverage("c1", T0, T0 + DAY_MS)).toEqual([
        { clusterId: "c1", startMs: T0, endMs: T0 + 2 * MINUTE },
      ]);
    });

    it("counts a gap in recording as Unknown, never as up", () => {
      const s = store();
      const recorder = new HistoryRecorder(s, OPTIONS);
      run(recorder, T0, T0 + 10 * MINUTE, "Operational");
      // Silence for ten minutes (more than three intervals), then the same word again.
      run(recorder, T0 + 20 * MINUTE, T0 + 30 * MINUTE, "Operational");
      const d = s.durations("c1", "quorum", T0, T0 + 30 * MINUTE);
      expect(d).toEqual({ ...emptyDurations(), Operational: 20 * MINUTE, Unknown: 10 * MINUTE });
      expect(s.coverage("c1", T0, T0 + DAY_MS)).toHaveLength(2);
    });

    it("keeps a finished day's summary and recomputes it when maintenance changes", () => {
      const s = store();
      const recorder = new HistoryRecorder(s, OPTIONS);
      run(recorder, T0, T0 + 10 * MINUTE, "Outage", MINUTE);
      run(recorder, T0 + 11 * MINUTE, T0 + DAY_MS + 2 * 3_600_000, "Operational", 11 * MINUTE);
      const now = T0 + DAY_MS + 2 * 3_600_000;
      const [day] = s.dailySummaries("c1", "quorum", ["2026-06-01"], now);
      expect(day!.ms.Outage).toBe(11 * MINUTE);
      expect(s.db.prepare("SELECT count(*) AS n FROM daily_summaries").get()).toEqual({ n: 1 });
      s.scheduleMaintenance({
        clusterId: "c1",
        componentIds: ["quorum"],
        title: "Switch replacement",
        body: "",
        startsAtMs: T0,
        endsAtMs: T0 + 30 * MINUTE,
        createdAtMs: now,
      });
      const [again] = s.dailySummaries("c1", "quorum", ["2026-06-01"], now);
      expect(again!.ms.Outage).toBe(0);
      expect(again!.ms.Maintenance).toBe(11 * MINUTE);
    });
  });

  describe("incidents and maintenance", () => {
    it("keeps an incident's updates in order and resolves it", () => {
      const s = store();
      const incident = s.openIncident({
        clusterId: "c1",
        componentId: "drbd",
        impact: "outage",
        title: "Replicated storage unavailable",
        atMs: T0,
        auto: false,
        body: "Looking into it.",
      });
      s.addIncidentUpdate(incident.id, { atMs: T0 + MINUTE, status: "identified", body: "Found." });
      s.editIncident(incident.id, { postmortem: "A switch failed." });
      s.addIncidentUpdate(incident.id, {
        atMs: T0 + 2 * MINUTE,
        status: "resolved",
        body: "Fixed.",
      });
      const done = s.incident(incident.id)!;
      expect(done.updates.map((u) => u.status)).toEqual([
        "investigating",
        "identified",
        "resolved",
      ]);
      expect(done).toMatchObject({
        status: "resolved",
        resolvedAtMs: T0 + 2 * MINUTE,
        postmortem: "A switch failed.",
      });
      expect(s.openIncidents("c1")).toEqual([]);
      expect(s.incidents(["c1"], T0).map((i) => i.id)).toEqual([incident.id]);
      expect(s.incidents(["c1"], T0 + 3 * MINUTE)).toEqual([]);
    });

    it("lists maintenance windows that overlap a range", () => {
      const s = store();
      const w = s.scheduleMaintenance({
        clusterId: "c1",
        componentIds: null,
        title: "Firmware",
        body: "Rolling update",
        startsAtMs: T0 + 3_600_000,
        endsAtMs: T0 + 7_200_000,
        createdAtMs: T0,
      });
      expect(s.maintenance(["c1"], T0, T0 + 3_600_000)).toEqual([]);
      expect(s.maintenance(["c1"], T0, T0 + 3_600_001)).toEqual([w]);
      expect(s.cancelMaintenance(w.id)).toBe(true);
      expect(s.maintenance(["c1"], T0, T0 + DAY_MS)).toEqual([]);
    });
  });

  describe("retention", () => {
    it("purges what ended before the cut and keeps the state at the cut", () => {
      const s = store();
      const recorder = new HistoryRecorder(s, OPTIONS);
      run(recorder, T0, T0 + 10 * MINUTE, "Degraded", MINUTE);
      run(recorder, T0 + 11 * MINUTE, T0 + 20 * MINUTE, "Operational", MINUTE);
      run(recorder, T0 + 3 * DAY_MS, T0 + 3 * DAY_MS + 10 * MINUTE, "Operational", MINUTE);
      const old = s.openIncident({
        clusterId: "c1",
        componentId: null,
        impact: "degraded",
        title: "Old",
        atMs: T0,
        auto: false,
        body: "",
      });
      s.addIncidentUpdate(old.id, { atMs: T0 + MINUTE, status: "resolved", body: "" });
      const open = s.openIncident({
        clusterId: "c1",
        componentId: null,
        impact: "degraded",
        title: "Still open",
        atMs: T0,
        auto: false,
        body: "",
      });
      s.scheduleMaintenance({
        clusterId: "c1",
        componentIds: null,
        title: "Past",
        body: "",
        startsAtMs: T0,
        endsAtMs: T0 + MINUTE,
        createdAtMs: T0,
      });
      s.dailySummaries("c1", "quorum", ["2026-06-01"], T0 + 3 * DAY_MS);

      const result = s.purge(T0 + 2 * DAY_MS);
      // Two incidents: the one above and the one the recorder opened for the ten Degraded minutes.
      expect(result).toEqual({ changes: 1, coverage: 1, incidents: 2, maintenance: 1, days: 1 });
      expect(s.incident(old.id)).toBeNull();
      expect(s.incident(open.id)?.title).toBe("Still open");
      expect(s.firstRecordedMs("c1")).toBe(T0 + 3 * DAY_MS);
      // The last word before the cut is kept for each component.
      expect(s.changes("c1", T0 + 2 * DAY_MS, T0 + 2 * DAY_MS + 1).map((c) => c.word)).toEqual([
        "Operational",
        "Operational",
      ]);
    });
  });
}
