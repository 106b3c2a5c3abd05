import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ResolvedDisplayKey } from "@/lib/config/load";
import { checkDisplayCookie, DISPLAY_COOKIE } from "./display";
import { PairingGuard, pairDisplay } from "./display-pair";

const secret = randomBytes(32);
const T0 = Date.parse("2026-11-30T08:00:00Z");
const CODE = "wall-key-0123456789abcdef";
const keyFor = (code: string, revoked = false): ResolvedDisplayKey => ({
  id: "noc-wall",
  keySha256: createHash("sha256").update(code).digest(),
  clusters: "*",
  revoked,
});

function pair(
  query: string,
  options: {
    keys?: ResolvedDisplayKey[];
    guard?: PairingGuard;
    headers?: HeadersInit;
    client?: string;
  } = {},
) {
  return pairDisplay(
    new Request(`http://wall.example/wall/pair${query}`, { headers: options.headers }),
    {
      keys: options.keys ?? [keyFor(CODE)],
      secret,
      guard: options.guard ?? new PairingGuard(10, 60_000),
      nowMs: T0,
      client: options.client ?? "192.0.2.1",
    },
  );
}

function cookieOf(response: Response): string | undefined {
  const header = response.headers.get("set-cookie");
  return header?.split(";")[0]?.slice(`${DISPLAY_COOKIE}=`.length);
}

describe("pairing a wall display", () => {
  it("exchanges a valid key for an HttpOnly cookie and sends the browser to /wall without it", () => {
    const response = pair(`?code=${CODE}&cluster=prod&cluster=lab&rotate=30`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/wall?cluster=prod&cluster=lab&rotate=30");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const header = response.headers.get("set-cookie")!;
    expect(header).toMatch(/^tb_display=[^;]+; HttpOnly; SameSite=Lax; Path=\/; Max-Age=\d+$/);
    expect(header).not.toContain(CODE);
    expect(checkDisplayCookie(cookieOf(response), [keyFor(CODE)], T0 + 1, secret)).toMatchObject({
      ok: true,
      keyId: "noc-wall",
    });
  });

  it("marks the cookie Secure behind an HTTPS proxy", () => {
    const response = pair(`?code=${CODE}`, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.get("set-cookie")).toMatch(/; Secure$/);
  });

  it.each([
    ["an unknown key", `?code=wall-key-0123456789abcdeX`, [keyFor(CODE)]],
    ["a revoked key", `?code=${CODE}`, [keyFor(CODE, true)]],
    ["no code", "", [keyFor(CODE)]],
  ])("refuses %s, without a cookie and without the code in the address", (_, query, keys) => {
    const response = pair(query, { keys });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/wall?pairing=refused");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("allows ten wrong codes a minute per client, then refuses even a valid key", () => {
    const guard = new PairingGuard(10, 60_000);
    const from = "10.0.0.7";
    for (let i = 0; i < 5; i++)
      expect(cookieOf(pair(`?code=${CODE}`, { guard, client: from }))).toBeTruthy();
    for (let i = 0; i < 10; i++)
      expect(
        pair("?code=guess-0123456789abcdef", { guard, client: from }).headers.get("location"),
      ).toBe("/wall?pairing=refused");
    const late = pair(`?code=${CODE}`, { guard, client: from });
    expect(late.headers.get("location")).toBe("/wall?pairing=throttled");
    expect(late.headers.get("set-cookie")).toBeNull();
    expect(cookieOf(pair(`?code=${CODE}`, { guard, client: "10.0.0.8" }))).toBeTruthy();
  });
});

describe("pairing guard", () => {
  it("counts wrong codes per client and forgets them when the window ends", () => {
    const guard = new PairingGuard(2, 60_000);
    guard.fail("a", 0);
    expect(guard.blocked("a", 1)).toBe(false);
    guard.fail("a", 2);
    expect(guard.blocked("a", 3)).toBe(true);
    expect(guard.blocked("b", 3)).toBe(false);
    expect(guard.blocked("a", 60_000)).toBe(false);
    guard.fail("a", 60_000);
    expect(guard.blocked("a", 60_001)).toBe(false);
  });
});
