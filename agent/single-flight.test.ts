import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight";

describe("single flight", () => {
  it("shares one run between concurrent callers and caches it for the ttl", async () => {
    let runs = 0;
    const get = singleFlight(() => Promise.resolve(++runs), 60_000);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    expect(await get()).toBe(1);
  });

  it("invalidate drops the cached value and a run already under way", async () => {
    const pending: ((value: number) => void)[] = [];
    const get = singleFlight(() => new Promise<number>((resolve) => pending.push(resolve)), 60_000);
    const first = get();
    get.invalidate();
    const second = get();
    expect(pending).toHaveLength(2);
    pending[0]!(1);
    pending[1]!(2);
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    // The run started before the invalidation is not what later callers get.
    expect(await get()).toBe(2);
  });

  it("refresh derives the next value from the last one and serves it as soon as it is ready", async () => {
    let runs = 0;
    const get = singleFlight(() => Promise.resolve({ full: ++runs, patched: false }), 60_000);
    expect(await get()).toEqual({ full: 1, patched: false });
    get.refresh((last) => Promise.resolve({ ...last, patched: true }));
    expect(await get()).toEqual({ full: 1, patched: true });
    expect(runs).toBe(1);
  });

  it("refresh before any value, or a failing refresh, falls back to a full run", async () => {
    let runs = 0;
    const get = singleFlight(() => Promise.resolve(++runs), 60_000);
    get.refresh(() => Promise.resolve(99));
    expect(await get()).toBe(1);
    get.refresh(() => Promise.reject(new Error("tool failed")));
    await new Promise((r) => setTimeout(r, 0));
    expect(await get()).toBe(2);
  });
});
