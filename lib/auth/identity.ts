import "server-only";
import type { AccessConfig } from "@/lib/config/access-schema";
import type { ResolvedAdmin } from "@/lib/config/load";
import { networkMatcher } from "@/lib/net/networks";
import { verifySession } from "./session";

/** Who is asking: a signed-in person, a user a trusted reverse proxy names, or anyone (open mode). */
export interface Identity {
  name: string;
  role: "admin" | "viewer";
  clusters: "*" | string[];
  via: "session" | "proxy" | "open";
}

export interface IdentityConfig {
  admins: readonly ResolvedAdmin[];
  sessionSecret: Buffer;
  access: AccessConfig;
}

const USER_NAME = /^[\x21-\x7e][\x20-\x7e]{0,127}$/;

/** The user a trusted reverse proxy names; null when the peer is not one of the trusted proxies. */
export function proxyIdentity(
  headers: Headers,
  peer: string | null,
  access: AccessConfig,
): Identity | null {
  const proxy = access.proxyAuth;
  if (!proxy || peer === null || !networkMatcher(proxy.trustedProxies)(peer)) return null;
  const user = headers.get(proxy.header)?.trim() ?? "";
  if (!USER_NAME.test(user)) return null;
  return {
    name: user,
    role: proxy.adminUsers.includes(user) ? "admin" : "viewer",
    clusters: "*",
    via: "proxy",
  };
}

/** A session cookie first, then a trusted proxy's header, then open mode's anonymous viewer. */
export function identify(
  request: { sessionCookie: string | undefined; headers: Headers; peer: string | null },
  config: IdentityConfig,
  nowMs: number,
): Identity | null {
  const session = verifySession(request.sessionCookie, config.admins, nowMs, config.sessionSecret);
  if (session)
    return { name: session.name, role: session.role, clusters: session.clusters, via: "session" };
  const proxied = proxyIdentity(request.headers, request.peer, config.access);
  if (proxied) return proxied;
  if (config.access.mode === "open")
    return { name: "anonymous", role: "viewer", clusters: "*", via: "open" };
  return null;
}
