import { describe, expect, it } from "vitest";
import { clientKey, Throttle } from "./throttle";

describe("throttle", () => {
  it("allows the limit per window and per key, then refuses until the window ends", () => {
    const throttle = new Throttle(3, 60_000);
    expect([1, 2, 3, 4].map(() => throttle.allow("a", 0))).toEqual([true, true, true, false]);
    expect(throttle.allow("b", 10)).toBe(true);
    expect(throttle.retryAfterMs("a", 20_000)).toBe(40_000);
    expect(throttle.allow("a", 59_999)).toBe(false);
    expect(throttle.allow("a", 60_000)).toBe(true);
  });

  it("keys a request by its first forwarded address", () => {
    const request = new Request("http://x/", {
      headers: { "x-forwarded-for": "10.0.0.7, 10.0.0.1" },
    });
    expect(clientKey(request)).toBe("10.0.0.7");
    expect(clientKey(new Request("http://x/"))).toBe("local");
  });
});
