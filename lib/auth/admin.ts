import "server-only";
import { cookies } from "next/headers";
import { getRegistry } from "@/lib/collector/registry";
import { ADMIN_COOKIE, type AdminSession, mayAdminister, verifySession } from "./session";

export type { AdminSession } from "./session";

function cookieFrom(header: string | null): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === ADMIN_COOKIE) return rest.join("=");
  }
  return undefined;
}

/** For server components: the signed-in admin, or null. */
export async function getAdminSession(): Promise<AdminSession | null> {
  const { config } = getRegistry();
  const jar = await cookies();
  return verifySession(
    jar.get(ADMIN_COOKIE)?.value,
    config.admins,
    Date.now(),
    config.sessionSecret,
  );
}

/**
 * A write must come from our own pages. Browsers say where a request comes from in Sec-Fetch-Site;
 * without it, the Origin header must name this host. `Origin: null` (sent on form posts under
 * `Referrer-Policy: no-referrer`) only passes when Sec-Fetch-Site vouches for it.
 */
export function sameOrigin(request: Request): boolean {
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
 * For route handlers: the admin session allowed to act on `clusterId` (any cluster when omitted),
 * or the 401/403 response to send instead.
 */
export function requireAdmin(request: Request, clusterId?: string): AdminSession | Response {
  const { config } = getRegistry();
  if (request.method !== "GET" && request.method !== "HEAD" && !sameOrigin(request))
    return Response.json({ error: "cross-site request refused" }, { status: 403 });
  const session = verifySession(
    cookieFrom(request.headers.get("cookie")),
    config.admins,
    Date.now(),
    config.sessionSecret,
  );
  if (!session)
    return Response.json({ error: "sign in as an admin first: /admin/login" }, { status: 401 });
  if (!mayAdminister(session, clusterId))
    return Response.json(
      { error: `${session.name} is not an admin of cluster "${clusterId}"` },
      { status: 403 },
    );
  return session;
}
