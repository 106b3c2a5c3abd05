import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { evaluated } from "@/lib/surfaces/test-helpers";
import type { ClusterCollector, ClusterView } from "./cluster-collector";
import { OVERVIEW_PUSH_MS, OVERVIEW_SETTLE_MS, followOverview } from "./overview-broadcast";
import { overviewEvent } from "./view-events";

/** A collector as the broadcast sees it: a config and its listeners. */
function fakeCollector() {
  const listeners = new Set<(view: ClusterView) => void>();
  const collector = {
    config: { id: "lab", name: "Lab" },
    onUpdate(listener: (view: ClusterView) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ClusterCollector;
  return { collector, listeners, emit: (view: ClusterView) => listeners.forEach((l) => l(view)) };
}

let views: ClusterView[];
beforeAll(async () => {
  const base = await evaluated("healthy-3-node");
  views = Array.from({ length: 20 }, (_, polls) => ({ ...base, polls }));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the overview broadcast", () => {
  it("follows a cluster once however many streams are open, and pushes only the newest view of a burst", () => {
    vi.useFakeTimers();
    const { collector, listeners, emit } = fakeCollector();
    const a: Uint8Array[] = [];
    const b: Uint8Array[] = [];
    const leaveA = followOverview(collector, (bytes) => a.push(bytes));
    const leaveB = followOverview(collector, (bytes) => b.push(bytes));
    expect(listeners.size).toBe(1);

    for (const view of views.slice(0, 5)) emit(view);
    vi.advanceTimersByTime(OVERVIEW_SETTLE_MS - 1);
    expect(a).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(a).toEqual([overviewEvent(collector, views[4]!)]);
    // One serialisation for every stream: the very same bytes.
    expect(b[0]).toBe(a[0]);

    leaveA();
    expect(listeners.size).toBe(1);
    emit(views[0]!);
    vi.advanceTimersByTime(OVERVIEW_SETTLE_MS);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    leaveB();
    expect(listeners.size, "the last stream gone, the cluster is no longer followed").toBe(0);
  });

  it("views that keep coming are still pushed, the newest, at most OVERVIEW_PUSH_MS after the first waited", () => {
    vi.useFakeTimers();
    const { collector, emit } = fakeCollector();
    const got: Uint8Array[] = [];
    followOverview(collector, (bytes) => got.push(bytes));
    const step = OVERVIEW_SETTLE_MS / 2;
    const pushedAt: number[] = [];
    for (let t = 0; t < 2 * OVERVIEW_PUSH_MS; t += step) {
      emit(views[(t / step) % views.length]!);
      const before = got.length;
      vi.advanceTimersByTime(step);
      if (got.length > before) pushedAt.push(t + step);
    }
    expect(pushedAt).toEqual([OVERVIEW_PUSH_MS, 2 * OVERVIEW_PUSH_MS]);
    // The first push is the newest view at that moment: the one emitted a step before it.
    expect(got[0]).toBe(overviewEvent(collector, views[OVERVIEW_PUSH_MS / step - 1]!));
  });

  it("a push still under way when a newer one starts stops: no stream gets an older view after a newer one", () => {
    vi.useFakeTimers();
    const { collector, emit } = fakeCollector();
    const got = new Map<number, Uint8Array[]>();
    // Enough streams that the first push is still going when the second view has settled.
    for (let i = 0; i < 1000; i++)
      followOverview(collector, (bytes) => got.set(i, [...(got.get(i) ?? []), bytes]));
    emit(views[1]!);
    vi.advanceTimersByTime(OVERVIEW_SETTLE_MS);
    emit(views[2]!);
    vi.runAllTimers();
    const older = overviewEvent(collector, views[1]!);
    const newer = overviewEvent(collector, views[2]!);
    const onlyNewer = [...got.values()].filter((r) => r.length === 1 && r[0] === newer);
    expect(onlyNewer.length, "streams the first push had not reached yet").toBeGreaterThan(0);
    for (let i = 0; i < 1000; i++) {
      const received = got.get(i) ?? [];
      expect(received.at(-1), `stream ${i} ends on the newest view`).toBe(newer);
      expect(received.filter((b) => b === older).length).toBeLessThanOrEqual(1);
      if (received.length === 2) expect(received[0]).toBe(older);
    }
  });

  it("a view pending when the last stream leaves is never sent", () => {
    vi.useFakeTimers();
    const { collector, listeners, emit } = fakeCollector();
    const got: Uint8Array[] = [];
    const leave = followOverview(collector, (bytes) => got.push(bytes));
    emit(views[0]!);
    leave();
    vi.runAllTimers();
    expect(got).toHaveLength(0);
    expect(listeners.size).toBe(0);
  });

  it("writes many streams over several turns of the event loop, skipping those that left meanwhile", () => {
    vi.useFakeTimers();
    const { collector, emit } = fakeCollector();
    const received = new Map<number, number>();
    const leaves = Array.from({ length: 60 }, (_, i) =>
      followOverview(collector, () => received.set(i, (received.get(i) ?? 0) + 1)),
    );
    emit(views[1]!);
    vi.advanceTimersByTime(OVERVIEW_SETTLE_MS);
    // The first turn has run; the rest wait for the loop to come round.
    expect(received.size).toBeGreaterThan(0);
    expect(received.size).toBeLessThan(60);
    leaves[59]!();
    vi.runAllTimers();
    expect(received.size).toBe(59);
    expect([...received.values()].every((n) => n === 1)).toBe(true);
    expect(received.has(59)).toBe(false);
  });
});
