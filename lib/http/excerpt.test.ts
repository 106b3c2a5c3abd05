import { describe, expect, it } from "vitest";
import { excerpt } from "./excerpt";

describe("excerpts of untrusted input", () => {
  it("quotes a short value as it is", () => {
    expect(excerpt("prod")).toBe('"prod"');
  });

  it("cuts a 10 kB value to a few characters", () => {
    const echoed = excerpt("x".repeat(10_000));
    expect(echoed.length).toBeLessThan(50);
    expect(echoed).toBe(`"${"x".repeat(40)}…"`);
  });

  it("escapes quotes, control characters and markup", () => {
    const echoed = excerpt('a"b\n<script>&');
    expect(echoed).toBe('"a\\"b\\n\\u003cscript\\u003e\\u0026"');
    expect(echoed).not.toMatch(/[<>\n]/);
  });

  it("never splits a character in two", () => {
    expect(excerpt("é".repeat(50), 3)).toBe('"ééé…"');
  });
});
