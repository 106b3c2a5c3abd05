import { describe, expect, it } from "vitest";
import { Throttle } from "./throttle";

describe("throttle", () => {
  it("allows the limit per window and per key, then refuses until the window ends", () => {
    const throttle = new Throttle(3, 60_000);
    expect([1, 2, 3, 4].map(() => throttle.allow("a", 0))).toEqual([true, true, true, false]);
    expect(throttle.allow("b", 10)).toBe(true);
    expect(throttle.retryAfterMs("a", 20_000)).toBe(40_000);
    expect(throttle.allow("a", 59_999)).toBe(false);
    expect(throttle.allow("a", 60_000)).toBe(true);
  });
});
