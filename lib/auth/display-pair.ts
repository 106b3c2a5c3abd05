import "server-only";
import type { ResolvedDisplayKey } from "@/lib/config/load";
import { displayCookieHeader, displayKeyForCode, issueDisplayCookie } from "./display";

/**
 * Wrong pairing codes per client in a fixed window. Only failures count, so a wall that is paired
 * again and again is never held up; past the limit every code is refused until the window ends.
 */
export class PairingGuard {
  private readonly failures = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  blocked(client: string, nowMs: number): boolean {
    const entry = this.failures.get(client);
    return entry !== undefined && nowMs - entry.start < this.windowMs && entry.count >= this.limit;
  }

  fail(client: string, nowMs: number): void {
    const entry = this.failures.get(client);
    if (entry && nowMs - entry.start < this.windowMs) {
      entry.count++;
      return;
    }
    if (this.failures.size > 10_000)
      for (const [key, old] of this.failures)
        if (nowMs - old.start >= this.windowMs) this.failures.delete(key);
    this.failures.set(client, { start: nowMs, count: 1 });
  }
}

/** The wall's own parameters survive the pairing; everything else, the code first, is dropped. */
const KEPT_PARAMS = ["cluster", "rotate"];

function wallTarget(url: URL, pairing: "refused" | "throttled" | null): string {
  const params = new URLSearchParams();
  for (const name of KEPT_PARAMS)
    for (const value of url.searchParams.getAll(name)) params.append(name, value);
  if (pairing) params.set("pairing", pairing);
  const query = params.toString();
  return query ? `/wall?${query}` : "/wall";
}

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({
    Location: location,
    "Cache-Control": "no-store",
    // The address with the code must not travel on as a Referer to the page it leads to.
    "Referrer-Policy": "no-referrer",
  });
  if (cookie) headers.set("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/**
 * `GET /wall/pair?code=<key>`: a valid, unrevoked key becomes an HttpOnly display cookie, and the
 * browser is sent on to /wall without the code. Failures lead to /wall with a reason, never the code.
 */
export function pairDisplay(
  request: Request,
  options: {
    keys: readonly ResolvedDisplayKey[];
    secret: Buffer;
    guard: PairingGuard;
    nowMs: number;
    /** Who is asking, as the per-client limit counts them (`clientKey`). */
    client: string;
  },
): Response {
  const url = new URL(request.url);
  const { client } = options;
  if (options.guard.blocked(client, options.nowMs)) return redirect(wallTarget(url, "throttled"));
  const code = url.searchParams.get("code") ?? "";
  const key = code === "" ? null : displayKeyForCode(code, options.keys);
  if (!key || key.revoked) {
    options.guard.fail(client, options.nowMs);
    return redirect(wallTarget(url, "refused"));
  }
  const secure = url.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return redirect(
    wallTarget(url, null),
    displayCookieHeader(issueDisplayCookie(key, options.nowMs, options.secret), secure),
  );
}
