import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AccessConfig } from "@/lib/config/access-schema";
import type { ResolvedAdmin } from "@/lib/config/load";
import { identify } from "./identity";
import { issueSession } from "./session";

const secret = randomBytes(32);
const T0 = Date.parse("2026-11-30T08:00:00Z");
const admins: ResolvedAdmin[] = [
  {
    name: "alice",
    tokenSha256: createHash("sha256").update("alice-token-0123456789").digest(),
    clusters: "*",
    role: "admin",
  },
  {
    name: "vera",
    tokenSha256: createHash("sha256").update("vera-token-0123456789").digest(),
    clusters: ["lab"],
    role: "viewer",
  },
];
const login: AccessConfig = { mode: "login", forwardedBy: [] };
const proxied: AccessConfig = {
  mode: "login",
  forwardedBy: [],
  proxyAuth: {
    header: "X-Forwarded-User",
    trustedProxies: ["127.0.0.1", "10.9.0.0/16"],
    adminUsers: ["boss"],
  },
};
const who = (
  access: AccessConfig,
  request: { cookie?: string; headers?: Record<string, string>; peer?: string | null },
) =>
  identify(
    {
      sessionCookie: request.cookie,
      headers: new Headers(request.headers),
      peer: request.peer ?? null,
    },
    { admins, sessionSecret: secret, access },
    T0 + 1,
  );

describe("who is asking", () => {
  it("nobody, by default, without a session", () => {
    expect(who(login, {})).toBeNull();
  });

  it("a signed-in admin or viewer, with their role and clusters", () => {
    expect(who(login, { cookie: issueSession("alice", T0, secret) })).toEqual({
      name: "alice",
      role: "admin",
      clusters: "*",
      via: "session",
    });
    expect(who(login, { cookie: issueSession("vera", T0, secret) })).toMatchObject({
      role: "viewer",
      clusters: ["lab"],
    });
  });

  it("a user a trusted proxy names: a viewer, or an admin when listed", () => {
    const headers = { "x-forwarded-user": "carol" };
    expect(who(proxied, { headers, peer: "127.0.0.1" })).toMatchObject({
      name: "carol",
      role: "viewer",
      via: "proxy",
    });
    expect(
      who(proxied, { headers: { "x-forwarded-user": "boss" }, peer: "::ffff:10.9.3.4" }),
    ).toMatchObject({ name: "boss", role: "admin" });
  });

  it("ignores the header from any other peer, or when no proxy is configured", () => {
    const headers = { "x-forwarded-user": "boss" };
    expect(who(proxied, { headers, peer: "192.0.2.66" })).toBeNull();
    expect(who(proxied, { headers, peer: null })).toBeNull();
    expect(who(login, { headers, peer: "127.0.0.1" })).toBeNull();
  });

  it("ignores an empty or odd user name", () => {
    for (const user of ["", " ", "a\tb", "x".repeat(200)])
      expect(who(proxied, { headers: { "x-forwarded-user": user }, peer: "127.0.0.1" })).toBeNull();
  });

  it("open mode lets anyone read as an anonymous viewer; a session still wins", () => {
    const open: AccessConfig = { mode: "open", forwardedBy: [] };
    expect(who(open, {})).toEqual({
      name: "anonymous",
      role: "viewer",
      clusters: "*",
      via: "open",
    });
    expect(who(open, { cookie: issueSession("alice", T0, secret) })).toMatchObject({
      role: "admin",
    });
  });
});
