import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ResolvedAdmin, ResolvedDisplayKey } from "@/lib/config/load";
import { verifySession } from "./session";

export const DISPLAY_COOKIE = "tb_display";
/** A wall PC is paired for half a year; each answer past the half-way mark renews the cookie. */
export const DISPLAY_COOKIE_MS = 180 * 24 * 60 * 60 * 1000;

/** Why a wall may not show data: never paired (or its pairing expired), or its key was revoked. */
export type DisplayDenial = "unpaired" | "revoked";

export type DisplayCheck =
  | { ok: true; keyId: string; clusters: "*" | string[]; expiresAt: number }
  | { ok: false; reason: DisplayDenial };

/** Who is looking at the wall, and which clusters they may see. */
export type WallAccess =
  | { kind: "open" }
  | { kind: "admin"; name: string; clusters: "*" | string[] }
  | { kind: "display"; keyId: string; clusters: "*" | string[]; expiresAt: number }
  | { kind: "denied"; reason: DisplayDenial };

function sign(payload: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** Ties a cookie to the key material, so a key replaced under the same id ends its old pairings. */
function binding(key: ResolvedDisplayKey, secret: Buffer): string {
  return createHmac("sha256", secret)
    .update("display-key\0")
    .update(key.keySha256)
    .digest("base64url")
    .slice(0, 16);
}

/** `<payload>.<hmac>`: the key id, a binding to its hash and the expiry; never the key itself. */
export function issueDisplayCookie(key: ResolvedDisplayKey, nowMs: number, secret: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({ k: key.id, b: binding(key, secret), e: nowMs + DISPLAY_COOKIE_MS }),
  ).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** Whether a display cookie still pairs this browser with a configured, unrevoked key. */
export function checkDisplayCookie(
  cookie: string | undefined,
  keys: readonly ResolvedDisplayKey[],
  nowMs: number,
  secret: Buffer,
): DisplayCheck {
  const unpaired = { ok: false, reason: "unpaired" } as const;
  if (!cookie) return unpaired;
  const [payload, mac, extra] = cookie.split(".");
  if (!payload || !mac || extra !== undefined) return unpaired;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return unpaired;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return unpaired;
  }
  if (typeof claims !== "object" || claims === null) return unpaired;
  const { k, b, e } = claims as { k?: unknown; b?: unknown; e?: unknown };
  if (typeof k !== "string" || typeof b !== "string" || typeof e !== "number" || e <= nowMs)
    return unpaired;
  // Signed by us, so it was paired: a key now missing, revoked or replaced means it was revoked.
  const key = keys.find((candidate) => candidate.id === k);
  if (!key || key.revoked || binding(key, secret) !== b) return { ok: false, reason: "revoked" };
  return { ok: true, keyId: key.id, clusters: key.clusters, expiresAt: e };
}

/** The key this pairing code is, compared in constant time against every configured hash. */
export function displayKeyForCode(
  code: string,
  keys: readonly ResolvedDisplayKey[],
): ResolvedDisplayKey | null {
  const hash = createHash("sha256").update(code).digest();
  let found: ResolvedDisplayKey | null = null;
  for (const key of keys) {
    if (timingSafeEqual(hash, key.keySha256) && found === null) found = key;
  }
  return found;
}

/**
 * In open mode the wall is open while nobody has been configured to sign in or pair (a lab);
 * otherwise it takes a session or a display cookie.
 */
export function decideWallAccess(
  cookies: { admin: string | undefined; display: string | undefined },
  config: {
    admins: readonly ResolvedAdmin[];
    displayKeys: readonly ResolvedDisplayKey[];
    sessionSecret: Buffer;
    mode: "login" | "open";
  },
  nowMs: number,
): WallAccess {
  if (config.mode === "open" && config.admins.length === 0 && config.displayKeys.length === 0)
    return { kind: "open" };
  const admin = verifySession(cookies.admin, config.admins, nowMs, config.sessionSecret);
  if (admin) return { kind: "admin", name: admin.name, clusters: admin.clusters };
  const display = checkDisplayCookie(
    cookies.display,
    config.displayKeys,
    nowMs,
    config.sessionSecret,
  );
  if (!display.ok) return { kind: "denied", reason: display.reason };
  return {
    kind: "display",
    keyId: display.keyId,
    clusters: display.clusters,
    expiresAt: display.expiresAt,
  };
}

export function mayShowCluster(access: WallAccess, clusterId: string): boolean {
  if (access.kind === "denied") return false;
  if (access.kind === "open" || access.clusters === "*") return true;
  return access.clusters.includes(clusterId);
}

/** A display past the half-way mark of its pairing gets a fresh cookie with its next answer. */
export function needsRenewal(access: WallAccess, nowMs: number): boolean {
  return access.kind === "display" && access.expiresAt - nowMs < DISPLAY_COOKIE_MS / 2;
}

/** The Set-Cookie value that pairs this browser; HttpOnly, so no script on the page can read it. */
export function displayCookieHeader(value: string, secure: boolean): string {
  return [
    `${DISPLAY_COOKIE}=${value}`,
    "HttpOnly",
    // Lax: the pairing link is often opened from elsewhere (a chat, a mail) as a top-level visit.
    "SameSite=Lax",
    "Path=/",
    `Max-Age=${DISPLAY_COOKIE_MS / 1000}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
