/**
 * Who may reach a path, decided in one place (proxy.ts) for every route, so that a new route is
 * protected without remembering to be:
 * - public: the status page, its feeds and API, and liveness; anyone;
 * - sign-in: the sign-in page and its form posts;
 * - display: the wall, its data and pairing; the route checks display keys and sessions itself;
 * - events: the change stream; a sign-in, or a display cookie the route checks;
 * - metrics: its own bearer token, checked by the route;
 * - demo: the demo's scenario switch; whoever may read may switch;
 * - viewer: everything else; a viewer reads, an admin changes.
 */
export type RouteAccess =
  "public" | "sign-in" | "display" | "events" | "metrics" | "demo" | "viewer";

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function routeAccess(pathname: string): RouteAccess {
  if (under(pathname, "/status") || under(pathname, "/api/v2") || pathname === "/api/health")
    return "public";
  if (
    pathname === "/admin/login" ||
    pathname === "/api/admin/login" ||
    pathname === "/api/admin/logout"
  )
    return "sign-in";
  if (under(pathname, "/wall") || pathname === "/api/wall") return "display";
  if (pathname === "/api/events") return "events";
  if (pathname === "/metrics") return "metrics";
  if (pathname === "/api/demo") return "demo";
  return "viewer";
}

export type AccessDecision =
  { ok: true } | { ok: false; status: 401 | 403; error: string; signIn: boolean };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request may go on to its route. Writes must come from this site's own pages whatever
 * the route; per-cluster rights and display keys are then checked by the route itself.
 */
export function decideAccess(
  request: { method: string; pathname: string; sameOrigin: boolean; hasDisplayCookie: boolean },
  identity: { role: "admin" | "viewer"; via?: string } | null,
): AccessDecision {
  const safe = SAFE.has(request.method.toUpperCase());
  if (!safe && !request.sameOrigin)
    return { ok: false, status: 403, error: "cross-site request refused", signIn: false };
  const access = routeAccess(request.pathname);
  if (access === "sign-in") return { ok: true };
  if (safe && (access === "public" || access === "display" || access === "metrics"))
    return { ok: true };
  if (safe && access === "events" && request.hasDisplayCookie) return { ok: true };
  if (!identity)
    return { ok: false, status: 401, error: "sign in first: /admin/login", signIn: true };
  if (safe || access === "demo" || identity.role === "admin") return { ok: true };
  // Open mode reads without a sign-in; a change then asks for one.
  if (identity.via === "open")
    return {
      ok: false,
      status: 401,
      error: "sign in as an admin first: /admin/login",
      signIn: false,
    };
  return {
    ok: false,
    status: 403,
    error: "a viewer may read but not change anything; sign in as an admin",
    signIn: false,
  };
}
