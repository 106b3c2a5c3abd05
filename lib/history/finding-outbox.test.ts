import { describe, expect, it } from "vitest";
import type { Finding } from "@/lib/health/types";
import { finding } from "@/lib/notify/test-helpers";
import { evaluated } from "@/lib/surfaces/test-helpers";
import { FindingOutbox, findingKey } from "./finding-outbox";
import { HistoryRecorder, type RecordableCollector } from "./recorder";
import { historyPerTest, SECOND, T0 } from "./test-helpers";

const INTERVAL = 5 * SECOND;
const OPTIONS = { openAfterIntervals: 2, resolveAfterIntervals: 2 };
const BOTH = () => ["pager", "chat"];
const { store } = historyPerTest("tb-outbox-");

/** Observes `findings` every interval over [fromMs, toMs). */
function hold(outbox: FindingOutbox, fromMs: number, toMs: number, findings: Finding[]) {
  for (let t = fromMs; t < toMs; t += INTERVAL) outbox.observe("c1", INTERVAL, findings, t);
}

const LOST = finding();
const STALE = finding({
  rule: "node.unreachable",
  severity: "unknown",
  subject: "node:pve2",
  title: "pve2's agent does not answer",
});

describe("the finding outbox", () => {
  it("queues one opening per receiver for each finding of a real scenario, once", async () => {
    const s = store();
    const view = await evaluated("two-node-no-qdevice");
    const outbox = new FindingOutbox(s, { ...OPTIONS, route: BOTH });
    hold(outbox, T0, T0 + 10 * INTERVAL, view.findings);
    const keys = [...new Set(view.findings.map(findingKey))];
    expect(keys.length).toBeGreaterThan(0);
    expect(s.openFindings("c1").map((f) => f.key)).toEqual(keys);
    expect(s.deliveries()).toHaveLength(2 * keys.length);
    expect(s.deliveries().every((d) => d.transition === "open" && d.status === "pending")).toBe(
      true,
    );
    // Announced when it had been present for two intervals, dated from when it was first seen.
    expect(s.openFindings("c1")[0]?.openedAtMs).toBe(T0);
    expect(s.deliveries()[0]?.nextAttemptMs).toBe(T0);
  });

  it("says nothing about a finding that comes and goes within the debounce", () => {
    const s = store();
    let calls = 0;
    const outbox = new FindingOutbox(s, { ...OPTIONS, route: BOTH, onQueued: () => calls++ });
    hold(outbox, T0, T0 + INTERVAL * 2, [LOST]);
    hold(outbox, T0 + 2 * INTERVAL, T0 + 10 * INTERVAL, []);
    expect(s.deliveries()).toEqual([]);
    expect(calls).toBe(0);
  });

  it("closes a finding absent for two intervals, to the receivers told of its opening", () => {
    const s = store();
    let route = BOTH;
    const outbox = new FindingOutbox(s, { ...OPTIONS, route: () => route() });
    hold(outbox, T0, T0 + 3 * INTERVAL, [LOST]);
    // A routing change after the opening does not keep the closing from the first receivers.
    route = () => ["pager"];
    hold(outbox, T0 + 3 * INTERVAL, T0 + 6 * INTERVAL, []);
    expect(s.openFindings()).toEqual([]);
    const closes = s.deliveries().filter((d) => d.transition === "close");
    expect(closes.map((d) => d.receiver).sort()).toEqual(["chat", "pager"]);
    expect(closes[0]?.nextAttemptMs).toBe(T0 + 3 * INTERVAL);
  });

  it("keeps a finding open while the cluster is partly unknown: its absence proves nothing", () => {
    const s = store();
    const outbox = new FindingOutbox(s, { ...OPTIONS, route: BOTH });
    hold(outbox, T0, T0 + 3 * INTERVAL, [LOST]);
    hold(outbox, T0 + 3 * INTERVAL, T0 + 20 * INTERVAL, [STALE]);
    expect(s.openFindings().map((f) => f.rule)).toEqual(["quorum.lost", "node.unreachable"]);
    // Seen again as clear, it closes two intervals later.
    hold(outbox, T0 + 20 * INTERVAL, T0 + 23 * INTERVAL, []);
    expect(s.openFindings()).toEqual([]);
  });

  it("treats a change of severity as one finding closing and another opening", () => {
    const s = store();
    const outbox = new FindingOutbox(s, { ...OPTIONS, route: () => ["pager"] });
    const warn = finding({
      rule: "storage.nearly-full",
      severity: "warning",
      subject: "storage:san",
    });
    hold(outbox, T0, T0 + 3 * INTERVAL, [warn]);
    hold(outbox, T0 + 3 * INTERVAL, T0 + 6 * INTERVAL, [{ ...warn, severity: "critical" }]);
    expect(s.deliveries().map((d) => d.transition)).toEqual(["open", "close", "open"]);
    expect(s.openFindings().map((f) => f.severity)).toEqual(["critical"]);
  });

  it("after a restart neither announces an open finding again nor forgets to close it", () => {
    const first = store();
    hold(new FindingOutbox(first, { ...OPTIONS, route: BOTH }), T0, T0 + 3 * INTERVAL, [LOST]);
    first.close();

    const second = store();
    const outbox = new FindingOutbox(second, { ...OPTIONS, route: BOTH });
    hold(outbox, T0 + 60 * INTERVAL, T0 + 63 * INTERVAL, [LOST]);
    expect(second.deliveries()).toHaveLength(2);
    hold(outbox, T0 + 63 * INTERVAL, T0 + 66 * INTERVAL, []);
    expect(second.deliveries().map((d) => d.transition)).toEqual([
      "open",
      "open",
      "close",
      "close",
    ]);
  });

  it("purges a closed finding once its deliveries are settled, and never an open one", () => {
    const s = store();
    const outbox = new FindingOutbox(s, { ...OPTIONS, route: () => ["pager"] });
    const skew = finding({ rule: "node.clock-skew", severity: "warning", subject: "node:pve2" });
    hold(outbox, T0, T0 + 3 * INTERVAL, [LOST, skew]);
    hold(outbox, T0 + 3 * INTERVAL, T0 + 6 * INTERVAL, [skew]);
    const later = T0 + 100 * INTERVAL;
    expect(s.purgeNotifications(later)).toBe(0);
    for (const d of s.deliveries()) s.recordAttempt(d.id, { ok: true, atMs: later });
    expect(s.purgeNotifications(later)).toBe(1);
    expect(s.openFindings().map((f) => f.rule)).toEqual(["node.clock-skew"]);
    expect(s.deliveries().map((d) => d.transition)).toEqual(["open"]);
  });

  it("is fed by the recorder from every view once every source has been heard from", async () => {
    const s = store();
    const view = await evaluated("two-node-no-qdevice");
    let listener: ((v: typeof view) => void) | null = null;
    const collector: RecordableCollector = {
      config: { id: "c1", intervalMs: INTERVAL },
      onUpdate: (l) => {
        listener = l;
        return () => (listener = null);
      },
    };
    let now = T0;
    const recorder = new HistoryRecorder(s, {
      openAfterIntervals: 3,
      resolveAfterIntervals: 5,
      now: () => now,
    });
    recorder.notifyWith(
      new FindingOutbox(s, { openAfterIntervals: 0, resolveAfterIntervals: 0, route: BOTH }),
    );
    recorder.attach(collector);
    // Before the API has answered or failed once, the findings are about Tiebreaker's own start.
    const waiting = { ...view.snapshot, api: { ...view.snapshot.api, data: null, error: null } };
    listener!({ ...view, snapshot: waiting, findings: [STALE] });
    expect(s.deliveries()).toEqual([]);
    listener!(view);
    now += INTERVAL;
    listener!({ ...view, findings: [] });
    const transitions = s.deliveries().map((d) => d.transition);
    expect(transitions.filter((t) => t === "open")).toHaveLength(transitions.length / 2);
    expect(s.coverage("c1", T0, T0 + INTERVAL + 1)).toHaveLength(1);
  });
});
