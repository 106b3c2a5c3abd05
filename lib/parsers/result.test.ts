import { describe, expect, it } from "vitest";
import { MAX_INPUT_CHARS, fail, guardInput, guarded, splitLines } from "./result";

describe("guardInput", () => {
  it("passes ordinary text through", () => {
    expect(guardInput("proc-mounts", "a b c\n")).toEqual({ ok: true, value: "a b c\n" });
  });

  it("refuses text over the size limit without scanning it", () => {
    const result = guardInput("proc-mounts", "x".repeat(MAX_INPUT_CHARS + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/over the .* limit/);
  });

  it("names the line of a NUL byte", () => {
    const result = guardInput("kernel-log", "one\ntwo\u0000\n");
    expect(result).toEqual({
      ok: false,
      error: { format: "kernel-log", line: 2, message: expect.stringMatching(/NUL/) as unknown },
    });
  });
});

describe("splitLines", () => {
  it("drops the final newline and CRs", () => {
    expect(splitLines("a\r\nb\n")).toEqual(["a", "b"]);
  });
});

describe("guarded", () => {
  it("turns an unexpected exception into a typed failure", () => {
    const result = guarded("storage-cfg", () => {
      throw new TypeError("boom");
    });
    expect(result).toEqual(fail("storage-cfg", null, "internal parser error: boom"));
  });
});
