import "server-only";
import { cookies, headers } from "next/headers";
import { currentConfig } from "@/lib/config/current";
import { type Identity, identify } from "./identity";
import { peerAddress } from "./peer-address";
import { ADMIN_COOKIE, mayAdminister } from "./session";
import { excerpt } from "@/lib/http/excerpt";

/** Someone who signed in here or whom a trusted proxy names; what they may do is their role. */
export type AdminSession = Identity;

function cookieFrom(header: string | null): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === ADMIN_COOKIE) return rest.join("=");
  }
  return undefined;
}

/** Who sent this request, from its session cookie, a trusted proxy's header or open mode. */
export function identityOf(request: { headers: Headers }, nowMs = Date.now()): Identity | null {
  return identify(
    {
      sessionCookie: cookieFrom(request.headers.get("cookie")),
      headers: request.headers,
      peer: peerAddress(request.headers),
    },
    currentConfig(),
    nowMs,
  );
}

/** For server components: who signed in (or whom a trusted proxy names), or null. */
export async function getAdminSession(): Promise<AdminSession | null> {
  const jar = await cookies();
  const incoming = await headers();
  const identity = identify(
    {
      sessionCookie: jar.get(ADMIN_COOKIE)?.value,
      headers: incoming,
      peer: peerAddress(incoming),
    },
    currentConfig(),
    Date.now(),
  );
  return identity && identity.via !== "open" ? identity : null;
}

/**
 * A write must come from our own pages. Browsers say where a request comes from in Sec-Fetch-Site;
 * without it, the Origin header must name this host. `Origin: null` (sent on form posts under
 * `Referrer-Policy: no-referrer`) only passes when Sec-Fetch-Site vouches for it.
 */
export function sameOrigin(request: { headers: Headers }): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * For route handlers: the admin allowed to act on `clusterId` (any cluster when omitted), or the
 * 401/403 response to send instead. proxy.ts has already refused cross-site writes and viewers.
 */
export function requireAdmin(request: Request, clusterId?: string): AdminSession | Response {
  if (request.method !== "GET" && request.method !== "HEAD" && !sameOrigin(request))
    return Response.json({ error: "cross-site request refused" }, { status: 403 });
  const identity = identityOf(request);
  if (!identity || identity.via === "open")
    return Response.json({ error: "sign in as an admin first: /admin/login" }, { status: 401 });
  if (!mayAdminister(identity, clusterId))
    return Response.json(
      {
        error:
          identity.role === "admin"
            ? `${identity.name} is not an admin of cluster ${excerpt(clusterId)}`
            : `${identity.name} may read but not change anything`,
      },
      { status: 403 },
    );
  return identity;
}
