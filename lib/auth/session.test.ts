import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ResolvedAdmin } from "@/lib/config/load";
import { adminForToken, issueSession, mayAdminister, SESSION_MS, verifySession } from "./session";

const secret = randomBytes(32);
const T0 = Date.parse("2026-11-30T08:00:00Z");
const admin = (
  name: string,
  token: string,
  clusters: ResolvedAdmin["clusters"] = "*",
  role: ResolvedAdmin["role"] = "admin",
): ResolvedAdmin => ({
  name,
  tokenSha256: createHash("sha256").update(token).digest(),
  clusters,
  role,
});
const admins = [
  admin("alice", "alice-token-0123456789"),
  admin("bob", "bob-token-0123456789", ["lab"]),
  admin("vera", "vera-token-0123456789", "*", "viewer"),
];

describe("admin sessions", () => {
  it("a token names its admin; any other token names nobody", async () => {
    expect((await adminForToken("alice-token-0123456789", admins))?.name).toBe("alice");
    expect((await adminForToken("bob-token-0123456789", admins))?.name).toBe("bob");
    expect(await adminForToken("alice-token-012345678", admins)).toBeNull();
    expect(await adminForToken("", admins)).toBeNull();
  });

  it("an issued session verifies until it expires", () => {
    const cookie = issueSession("bob", T0, secret);
    expect(verifySession(cookie, admins, T0 + 1, secret)).toMatchObject({
      name: "bob",
      clusters: ["lab"],
    });
    expect(verifySession(cookie, admins, T0 + SESSION_MS, secret)).toBeNull();
  });

  it.each([
    [
      "a tampered payload",
      (c: string) =>
        `${Buffer.from('{"n":"alice","e":9e15}').toString("base64url")}.${c.split(".")[1]}`,
    ],
    // One full character of the signature, always changed: a fixed replacement would sometimes
    // equal what the random secret signed.
    [
      "a tampered signature",
      (c: string) => `${c.slice(0, -2)}${c.at(-2) === "A" ? "B" : "A"}${c.at(-1)}`,
    ],
    ["an extra part", (c: string) => `${c}.x`],
    ["garbage", () => "not-a-session"],
  ])("refuses %s", (_, mangle) => {
    expect(
      verifySession(mangle(issueSession("bob", T0, secret)), admins, T0 + 1, secret),
    ).toBeNull();
  });

  it("refuses a session signed with another key, and one whose admin was removed", () => {
    const cookie = issueSession("bob", T0, secret);
    expect(verifySession(cookie, admins, T0 + 1, randomBytes(32))).toBeNull();
    expect(verifySession(cookie, admins.slice(0, 1), T0 + 1, secret)).toBeNull();
  });

  it("limits an admin to their clusters", () => {
    const bob = verifySession(issueSession("bob", T0, secret), admins, T0 + 1, secret)!;
    expect(mayAdminister(bob, "lab")).toBe(true);
    expect(mayAdminister(bob, "prod")).toBe(false);
    const alice = verifySession(issueSession("alice", T0, secret), admins, T0 + 1, secret)!;
    expect(mayAdminister(alice, "prod")).toBe(true);
  });

  it("a viewer signs in with the viewer role and may administer nothing", () => {
    const vera = verifySession(issueSession("vera", T0, secret), admins, T0 + 1, secret)!;
    expect(vera).toMatchObject({ name: "vera", role: "viewer" });
    expect(mayAdminister(vera, "prod")).toBe(false);
    expect(mayAdminister(vera, undefined)).toBe(false);
  });
});
