import { describe, expect, it } from "vitest";
import { bearerMatches } from "./auth";

const token = "0123456789abcdef-secret";

describe("bearerMatches", () => {
  it.each([
    ["the right token", `Bearer ${token}`, true],
    ["no header", undefined, false],
    ["a wrong token", "Bearer 0123456789abcdef-secreT", false],
    ["a prefix of the token", "Bearer 0123456789", false],
    ["another scheme", `Basic ${token}`, false],
    ["an empty bearer", "Bearer ", false],
  ])("%s → %s", (_name, header, expected) => {
    expect(bearerMatches(header, [token])).toBe(expected);
  });

  it("accepts any of several tokens (report token and metrics token)", () => {
    expect(bearerMatches("Bearer metrics-token-0000000", [token, "metrics-token-0000000"])).toBe(
      true,
    );
  });
});
