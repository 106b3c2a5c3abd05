import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ResolvedDisplayKey } from "@/lib/config/load";
import {
  checkDisplayCookie,
  decideWallAccess,
  DISPLAY_COOKIE_MS,
  displayKeyForCode,
  issueDisplayCookie,
  mayShowCluster,
  needsRenewal,
} from "./display";
import { issueSession } from "./session";

const secret = randomBytes(32);
const T0 = Date.parse("2026-11-30T08:00:00Z");
const sha = (text: string) => createHash("sha256").update(text).digest();
const key = (
  id: string,
  code: string,
  overrides: Partial<ResolvedDisplayKey> = {},
): ResolvedDisplayKey => ({
  id,
  keySha256: sha(code),
  clusters: "*",
  revoked: false,
  ...overrides,
});
const lobby = key("lobby", "lobby-key-0123456789");
const noc = key("noc", "noc-key-0123456789", { clusters: ["prod"] });
const keys = [lobby, noc];

describe("display pairing codes", () => {
  it("a code names its key; any other code names none", () => {
    expect(displayKeyForCode("lobby-key-0123456789", keys)?.id).toBe("lobby");
    expect(displayKeyForCode("noc-key-0123456789", keys)?.id).toBe("noc");
    expect(displayKeyForCode("noc-key-012345678", keys)).toBeNull();
    expect(displayKeyForCode("", keys)).toBeNull();
  });
});

describe("display cookies", () => {
  it("hold the key id and expiry, never the key or its hash", () => {
    const cookie = issueDisplayCookie(lobby, T0, secret);
    const payload = Buffer.from(cookie.split(".")[0]!, "base64url").toString("utf8");
    expect(JSON.parse(payload)).toMatchObject({ k: "lobby", e: T0 + DISPLAY_COOKIE_MS });
    for (const secretForm of ["lobby-key-0123456789", lobby.keySha256.toString("hex")])
      expect(`${cookie}${payload}`).not.toContain(secretForm);
  });

  it("an issued cookie pairs its key until it expires", () => {
    const cookie = issueDisplayCookie(noc, T0, secret);
    expect(checkDisplayCookie(cookie, keys, T0 + 1, secret)).toEqual({
      ok: true,
      keyId: "noc",
      clusters: ["prod"],
      expiresAt: T0 + DISPLAY_COOKIE_MS,
    });
    expect(checkDisplayCookie(cookie, keys, T0 + DISPLAY_COOKIE_MS, secret)).toEqual({
      ok: false,
      reason: "unpaired",
    });
  });

  it.each([
    ["no cookie", () => undefined],
    [
      "a tampered payload",
      (c: string) =>
        `${Buffer.from('{"k":"lobby","b":"x","e":9e15}').toString("base64url")}.${c.split(".")[1]}`,
    ],
    // One full character of the signature, always changed: a fixed replacement would sometimes
    // equal what the random secret signed.
    [
      "a tampered signature",
      (c: string) => `${c.slice(0, -2)}${c.at(-2) === "A" ? "B" : "A"}${c.at(-1)}`,
    ],
    ["an extra part", (c: string) => `${c}.x`],
    ["garbage", () => "not-a-cookie"],
    ["an admin session cookie", () => issueSession("lobby", T0, secret)],
  ])("%s is not a pairing", (_, mangle) => {
    const cookie = mangle(issueDisplayCookie(lobby, T0, secret));
    expect(checkDisplayCookie(cookie, keys, T0 + 1, secret)).toEqual({
      ok: false,
      reason: "unpaired",
    });
  });

  it("a cookie signed with another secret is not a pairing", () => {
    const cookie = issueDisplayCookie(lobby, T0, randomBytes(32));
    expect(checkDisplayCookie(cookie, keys, T0 + 1, secret)).toEqual({
      ok: false,
      reason: "unpaired",
    });
  });

  it.each([
    ["its key is marked revoked", [key("lobby", "lobby-key-0123456789", { revoked: true }), noc]],
    ["its key was removed", [noc]],
    ["its key was replaced under the same id", [key("lobby", "new-lobby-key-0123456789"), noc]],
  ])("a pairing ends as revoked when %s", (_, now) => {
    const cookie = issueDisplayCookie(lobby, T0, secret);
    expect(checkDisplayCookie(cookie, now, T0 + 1, secret)).toEqual({
      ok: false,
      reason: "revoked",
    });
  });
});

describe("wall access", () => {
  const admins = [
    {
      name: "alice",
      tokenSha256: sha("alice-token-0123456789"),
      clusters: "*" as const,
      role: "admin" as const,
    },
  ];
  const config = { admins, displayKeys: keys, sessionSecret: secret, mode: "open" as const };
  const none = { admin: undefined, display: undefined };

  it("is open in open mode while neither admins nor display keys are configured", () => {
    expect(decideWallAccess(none, { ...config, admins: [], displayKeys: [] }, T0)).toEqual({
      kind: "open",
    });
  });

  it("is never open in login mode, even with nobody configured", () => {
    const login = { ...config, admins: [], displayKeys: [], mode: "login" as const };
    expect(decideWallAccess(none, login, T0)).toEqual({ kind: "denied", reason: "unpaired" });
  });

  it.each([
    ["only admins are configured", { ...config, displayKeys: [] }],
    ["only display keys are configured", { ...config, admins: [] }],
  ])("needs a pairing or a session once %s", (_, configured) => {
    expect(decideWallAccess(none, configured, T0)).toEqual({ kind: "denied", reason: "unpaired" });
  });

  it("lets an admin session in, with the admin's clusters", () => {
    const admin = issueSession("alice", T0, secret);
    expect(decideWallAccess({ ...none, admin }, config, T0 + 1)).toEqual({
      kind: "admin",
      name: "alice",
      clusters: "*",
    });
  });

  it("lets a paired display in with its key's clusters, and tells a revoked one why not", () => {
    const display = issueDisplayCookie(noc, T0, secret);
    const access = decideWallAccess({ ...none, display }, config, T0 + 1);
    expect(access).toMatchObject({ kind: "display", keyId: "noc", clusters: ["prod"] });
    expect(mayShowCluster(access, "prod")).toBe(true);
    expect(mayShowCluster(access, "lab")).toBe(false);
    const revoked = [lobby, { ...noc, revoked: true }];
    expect(
      decideWallAccess({ ...none, display }, { ...config, displayKeys: revoked }, T0 + 1),
    ).toEqual({ kind: "denied", reason: "revoked" });
  });

  it("renews a display's pairing once half of it has run out", () => {
    const display = issueDisplayCookie(lobby, T0, secret);
    const early = decideWallAccess({ ...none, display }, config, T0 + 1);
    const late = decideWallAccess({ ...none, display }, config, T0 + DISPLAY_COOKIE_MS / 2 + 1);
    expect(needsRenewal(early, T0 + 1)).toBe(false);
    expect(needsRenewal(late, T0 + DISPLAY_COOKIE_MS / 2 + 1)).toBe(true);
    expect(needsRenewal({ kind: "open" }, T0)).toBe(false);
  });
});
