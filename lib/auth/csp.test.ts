import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, makeNonce } from "./csp";

const directives = (policy: string) =>
  new Map(
    policy.split("; ").map((d) => {
      const [name = "", ...values] = d.split(" ");
      return [name, values] as const;
    }),
  );

describe("Content-Security-Policy", () => {
  it("allows scripts only with this response's nonce, and no inline script or eval", () => {
    const policy = directives(contentSecurityPolicy("abc123"));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(contentSecurityPolicy("abc123")).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it("allows eval only for the development server's error overlay", () => {
    expect(directives(contentSecurityPolicy("n", true)).get("script-src")).toContain(
      "'unsafe-eval'",
    );
  });

  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, makeNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from(makeNonce(), "base64")).toHaveLength(16);
  });
});
