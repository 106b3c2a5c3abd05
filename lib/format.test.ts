import { describe, expect, it } from "vitest";
import { formatAge, formatBytes, formatLatencyUs, formatOffset, formatPercent } from "./format";

describe("format", () => {
  it.each([
    [4_200, "4 s"],
    [89_000, "89 s"],
    [180_000, "3 min"],
    [7_500_000, "2 h 5 min"],
  ])("formatAge(%d) = %s", (ms, text) => expect(formatAge(ms)).toBe(text));

  it("formats bytes, percentages and offsets", () => {
    expect(formatBytes(838554492992)).toBe("781 GiB");
    expect(formatBytes(null)).toBe("?");
    expect(formatPercent(0.8567)).toBe("86 %");
    expect(formatOffset(2300)).toBe("+2.3 s");
    expect(formatOffset(-40)).toBe("−40 ms");
    expect(formatOffset(null)).toBe("unknown");
  });

  it("formats knet latencies given in microseconds", () => {
    expect(formatLatencyUs(159)).toBe("0.16 ms");
    expect(formatLatencyUs(23_412)).toBe("23.4 ms");
    expect(formatLatencyUs(null)).toBe("?");
  });
});
