import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ResolvedAdmin } from "@/lib/config/load";
import { verifyPassword } from "./password";

export const ADMIN_COOKIE = "tb_admin";
/** An admin session lasts one working day; logging in again is cheap. */
export const SESSION_MS = 12 * 60 * 60 * 1000;

export interface AdminSession {
  name: string;
  clusters: "*" | string[];
  /** A viewer reads the admin pages and changes nothing. */
  role: "admin" | "viewer";
  expiresAt: number;
}

function sign(payload: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** `<payload>.<hmac>`: the name and expiry only; what the admin may do is looked up on each use. */
export function issueSession(name: string, nowMs: number, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ n: name, e: nowMs + SESSION_MS })).toString(
    "base64url",
  );
  return `${payload}.${sign(payload, secret)}`;
}

/** The session a cookie proves, if it is intact, unexpired and its admin is still configured. */
export function verifySession(
  cookie: string | undefined,
  admins: readonly ResolvedAdmin[],
  nowMs: number,
  secret: Buffer,
): AdminSession | null {
  if (!cookie) return null;
  const [payload, mac, extra] = cookie.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof claims !== "object" || claims === null) return null;
  const { n, e } = claims as { n?: unknown; e?: unknown };
  if (typeof n !== "string" || typeof e !== "number" || e <= nowMs) return null;
  const admin = admins.find((a) => a.name === n);
  return admin
    ? { name: admin.name, clusters: admin.clusters, role: admin.role, expiresAt: e }
    : null;
}

/**
 * The admin whose token or password this is. Every configured secret is checked, each in constant
 * time, so the time taken says nothing about which admin (if any) matched; with scrypt admins it
 * costs one scrypt run each, which the login route's throttle keeps rare.
 */
export async function adminForToken(
  token: string,
  admins: readonly ResolvedAdmin[],
): Promise<ResolvedAdmin | null> {
  const hash = createHash("sha256").update(token).digest();
  const matches = await Promise.all(
    admins.map(async (admin) =>
      admin.passwordScrypt
        ? verifyPassword(token, admin.passwordScrypt)
        : timingSafeEqual(hash, admin.tokenSha256),
    ),
  );
  return admins[matches.indexOf(true)] ?? null;
}

/** Whether this session may change things for `clusterId` (any cluster when omitted). */
export function mayAdminister(
  session: Pick<AdminSession, "clusters" | "role">,
  clusterId: string | undefined,
): boolean {
  if (session.role !== "admin") return false;
  return (
    session.clusters === "*" || clusterId === undefined || session.clusters.includes(clusterId)
  );
}
