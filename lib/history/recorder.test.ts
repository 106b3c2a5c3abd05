import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { evaluated } from "@/lib/surfaces/test-helpers";
import { upRatio } from "@/lib/surfaces/public-status";
import { HistoryRecorder, type RecordableCollector } from "./recorder";
import { openSqliteHistory, type SqliteHistoryStore } from "./sqlite-store";
import { MINUTE, SECOND, T0, tempDir, words } from "./test-helpers";
import { emptyDurations } from "./uptime";

const INTERVAL = 5 * SECOND;
const OPTIONS = { openAfterIntervals: 3, resolveAfterIntervals: 5 };
let dir: string;
let cleanup: () => void;
const open: SqliteHistoryStore[] = [];

function store(file = path.join(dir, "history.sqlite")): SqliteHistoryStore {
  const s = openSqliteHistory(file);
  open.push(s);
  return s;
}

beforeEach(() => ({ dir, cleanup } = tempDir("tb-history-recorder-")));
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  cleanup();
});

/** Observes `quorum` as `word` (nodes Operational) every interval over [fromMs, toMs). */
function hold(
  recorder: HistoryRecorder,
  fromMs: number,
  toMs: number,
  word: "Operational" | "Outage",
) {
  for (let t = fromMs; t < toMs; t += INTERVAL)
    recorder.observe("c1", INTERVAL, words({ quorum: word, nodes: "Operational" }), t);
}

describe("a restart of the recorder", () => {
  it("carries uptime and incidents on across the gap, counting the gap as Unknown", () => {
    const file = path.join(dir, "history.sqlite");
    const before = store(file);
    const first = new HistoryRecorder(before, OPTIONS);
    hold(first, T0, T0 + 10 * MINUTE, "Operational");
    hold(first, T0 + 10 * MINUTE, T0 + 12 * MINUTE + 1, "Outage");
    const [opened] = before.openIncidents("c1");
    expect(opened).toMatchObject({ impact: "outage", startedAtMs: T0 + 10 * MINUTE, auto: true });
    // The server stops without a word; eight minutes later a new process opens the same file.
    before.close();

    const after = store(file);
    const second = new HistoryRecorder(after, OPTIONS);
    hold(second, T0 + 20 * MINUTE, T0 + 21 * MINUTE, "Outage");
    expect(after.openIncidents("c1").map((i) => i.id)).toEqual([opened!.id]);
    hold(second, T0 + 21 * MINUTE, T0 + 25 * MINUTE + 1, "Operational");

    expect(after.incidents(["c1"], T0)).toHaveLength(1);
    const resolved = after.incident(opened!.id)!;
    expect(resolved).toMatchObject({ status: "resolved", resolvedAtMs: T0 + 21 * MINUTE });
    expect(resolved.updates.map((u) => u.status)).toEqual(["investigating", "resolved"]);

    const quorum = after.durations("c1", "quorum", T0, T0 + 25 * MINUTE);
    expect(quorum).toEqual({
      ...emptyDurations(),
      Operational: 14 * MINUTE,
      Outage: 3 * MINUTE,
      Unknown: 8 * MINUTE,
    });
    expect(upRatio(quorum)).toBeCloseTo(14 / 25, 10);
    const nodes = after.durations("c1", "nodes", T0, T0 + 25 * MINUTE);
    expect(nodes).toEqual({ ...emptyDurations(), Operational: 17 * MINUTE, Unknown: 8 * MINUTE });
    expect(after.coverage("c1", T0, T0 + 25 * MINUTE)).toHaveLength(2);
  });
});

describe("maintenance windows", () => {
  it("show an outage inside them as Maintenance, keep it out of uptime and open no incident", () => {
    const s = store();
    s.scheduleMaintenance({
      clusterId: "c1",
      componentIds: ["quorum"],
      title: "Corosync link change",
      body: "",
      startsAtMs: T0 + 5 * MINUTE,
      endsAtMs: T0 + 15 * MINUTE,
      createdAtMs: T0 - 86_400_000,
    });
    const recorder = new HistoryRecorder(s, OPTIONS);
    hold(recorder, T0, T0 + 5 * MINUTE, "Operational");
    hold(recorder, T0 + 5 * MINUTE, T0 + 15 * MINUTE, "Outage");
    hold(recorder, T0 + 15 * MINUTE, T0 + 20 * MINUTE + 1, "Operational");
    expect(s.incidents(["c1"], T0)).toEqual([]);
    const d = s.durations("c1", "quorum", T0, T0 + 20 * MINUTE);
    expect(d).toEqual({ ...emptyDurations(), Operational: 10 * MINUTE, Maintenance: 10 * MINUTE });
    expect(upRatio(d)).toBe(1);
  });

  it("announced ahead changes nothing before it starts", () => {
    const s = store();
    s.scheduleMaintenance({
      clusterId: "c1",
      componentIds: null,
      title: "Next week",
      body: "",
      startsAtMs: T0 + 7 * 86_400_000,
      endsAtMs: T0 + 7 * 86_400_000 + MINUTE,
      createdAtMs: T0,
    });
    const recorder = new HistoryRecorder(s, OPTIONS);
    hold(recorder, T0, T0 + MINUTE, "Outage");
    expect(s.openIncidents("c1")).toHaveLength(1);
  });
});

describe("incidents from findings", () => {
  it("open none again after an admin resolved one while the finding held, until it has cleared", () => {
    const s = store();
    const recorder = new HistoryRecorder(s, OPTIONS);
    hold(recorder, T0, T0 + MINUTE, "Outage");
    const [incident] = s.openIncidents("c1");
    s.addIncidentUpdate(incident!.id, { atMs: T0 + MINUTE, status: "resolved", body: "Fixed." });
    hold(recorder, T0 + MINUTE, T0 + 3 * MINUTE, "Outage");
    expect(s.incidents(["c1"], T0)).toHaveLength(1);
    hold(recorder, T0 + 3 * MINUTE, T0 + 4 * MINUTE, "Operational");
    hold(recorder, T0 + 4 * MINUTE, T0 + 5 * MINUTE, "Outage");
    expect(s.openIncidents("c1")).toHaveLength(1);
    expect(s.incidents(["c1"], T0)).toHaveLength(2);
  });

  it("are recorded from a collector's views, attached once however often it is attached", async () => {
    const s = store();
    const listeners = new Set<(view: EvaluatedCluster) => void>();
    const collector: RecordableCollector = {
      config: { id: "c1", intervalMs: INTERVAL },
      onUpdate: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    let now = T0;
    const recorder = new HistoryRecorder(s, { ...OPTIONS, now: () => now });
    recorder.attach(collector);
    recorder.attach(collector);
    expect(listeners.size).toBe(1);
    const view = await evaluated("drbd9-split-brain");
    for (; now <= T0 + MINUTE; now += INTERVAL) for (const l of listeners) l(view);
    const [incident] = s.openIncidents("c1");
    expect(incident).toMatchObject({
      componentId: "drbd",
      impact: "outage",
      title: "Outage: Replicated storage (DRBD)",
    });
    recorder.stop();
    expect(listeners.size).toBe(0);
  });
});
