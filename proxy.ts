import { type NextRequest, NextResponse } from "next/server";
import { identityOf, sameOrigin } from "@/lib/auth/admin";
import { contentSecurityPolicy, makeNonce } from "@/lib/auth/csp";
import { DISPLAY_COOKIE } from "@/lib/auth/display";
import { hostAllowed } from "@/lib/auth/host-check";
import { decideAccess } from "@/lib/auth/route-policy";
import { currentConfig } from "@/lib/config/current";
import { CLUSTER_ID } from "@/lib/http/excerpt";

const NO_STORE = { "Cache-Control": "no-store" };
const MAX_PATH_CHARS = 256;
const MAX_QUERY_CHARS = 512;

/**
 * Every request passes here first: the Host header must name this server, writes must come from
 * its own pages, the route's access rule (lib/auth/route-policy.ts) must allow the caller, and
 * pages get a Content-Security-Policy with a nonce of their own.
 */
export function proxy(request: NextRequest) {
  const config = currentConfig();
  if (!hostAllowed(request.headers.get("host"), config.allowedHosts))
    return new NextResponse(
      "This server does not answer to that host name; an admin adds it to allowedHosts.\n",
      { status: 421, headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE } },
    );
  const { pathname, search } = request.nextUrl;
  // Pages carry their URL in the HTML they render: a long one is refused rather than echoed.
  if (pathname.length > MAX_PATH_CHARS || search.length > MAX_QUERY_CHARS)
    return NextResponse.json(
      {
        error: `the path or query is too long (at most ${MAX_PATH_CHARS} and ${MAX_QUERY_CHARS} characters)`,
      },
      { status: 414, headers: NO_STORE },
    );
  const decision = decideAccess(
    {
      method: request.method,
      pathname,
      sameOrigin: sameOrigin(request),
      hasDisplayCookie: request.cookies.has(DISPLAY_COOKIE),
    },
    identityOf(request),
  );
  if (!decision.ok) {
    const page = request.method === "GET" && !pathname.startsWith("/api/");
    if (decision.signIn && page) {
      const login = request.nextUrl.clone();
      login.pathname = "/admin/login";
      login.search = `?next=${encodeURIComponent(`${pathname}${search}`)}`;
      return NextResponse.redirect(login, { status: 303, headers: NO_STORE });
    }
    return NextResponse.json(
      { error: decision.error },
      { status: decision.status, headers: NO_STORE },
    );
  }
  // A cluster id is short; a long or odd value is refused here, never echoed back by a page.
  if (
    request.nextUrl.searchParams.getAll("cluster").some((id) => id !== "" && !CLUSTER_ID.test(id))
  )
    return NextResponse.json(
      { error: "?cluster= must be a cluster id: lowercase letters, digits and dashes" },
      { status: 400, headers: NO_STORE },
    );
  const nonce = makeNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Static build output carries no data; everything else, prefetches included, is checked.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
