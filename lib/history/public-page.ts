import "server-only";
import { clientKey, forwardingProxies } from "@/lib/auth/client-key";
import { Throttle } from "@/lib/auth/throttle";
import { getRegistry } from "@/lib/collector/registry";
import { latestView } from "@/lib/collector/surface-views";
import type { StatusPageConfig } from "@/lib/config/status-schema";
import { toPublicPage, type PublicPage } from "@/lib/surfaces/public-status";
import { publicPageInput } from "./page-input";
import { startHistory } from "./service";

/** How long a built page is reused: any number of visitors cost one build per page this often. */
const PAGE_CACHE_MS = 2_000;
/** A first visit right after start waits this long for a cluster's first poll. */
const FIRST_VIEW_WAIT_MS = 3_000;

// Kept on globalThis: the pages and the admin's route handlers must share one cache and limit.
const shared = globalThis as typeof globalThis & {
  __tiebreakerStatusCache?: Map<string, { atMs: number; page: PublicPage }>;
  __tiebreakerStatusThrottle?: Throttle;
};
const cache = (shared.__tiebreakerStatusCache ??= new Map<
  string,
  { atMs: number; page: PublicPage }
>());

export function statusPages(): StatusPageConfig[] {
  return getRegistry().config.statusPages;
}

/** The configured page with this id; null names the first (the one /status shows alone). */
export function statusPage(id: string | null): StatusPageConfig | null {
  const pages = statusPages();
  return (id === null ? pages[0] : pages.find((p) => p.id === id)) ?? null;
}

/** The public model of one configured page, from the latest views and the recorded history. */
export async function buildPublicPage(config: StatusPageConfig): Promise<PublicPage> {
  const nowMs = Date.now();
  const hit = cache.get(config.id);
  if (hit && nowMs - hit.atMs < PAGE_CACHE_MS) return hit.page;
  const registry = getRegistry();
  const { store } = startHistory(registry.config.history, registry.collectors.values());
  const clusters = await Promise.all(
    config.clusters.map(async (id) => {
      const collector = registry.collectors.get(id);
      const view = collector ? await latestView(collector, FIRST_VIEW_WAIT_MS) : null;
      const name = registry.config.clusters.find((c) => c.id === id)?.name ?? id;
      return { id, name, view };
    }),
  );
  const page = toPublicPage(
    publicPageInput(
      store,
      { id: config.id, title: config.title, showNames: config.showNames },
      clusters,
      nowMs,
    ),
  );
  cache.set(config.id, { atMs: nowMs, page });
  return page;
}

/** Drops built pages, so that an admin's change shows on the next visit. */
export function forgetPublicPages(): void {
  cache.clear();
}

// A person reloading and a feed reader polling stay far below this; a scraper loop does not.
const throttle = (shared.__tiebreakerStatusThrottle ??= new Throttle(120, 60_000));

/** Counts a request against its client's limit; the seconds to wait when it is over. */
export function overLimit(request: Request): number | null {
  const now = Date.now();
  const key = clientKey(request, forwardingProxies(getRegistry().config.access));
  return throttle.allow(key, now) ? null : Math.ceil(throttle.retryAfterMs(key, now) / 1_000);
}

/** Same, for a server-rendered page, which sees the request only through its headers. */
export function overLimitFor(headers: Headers): number | null {
  return overLimit(new Request("http://status.invalid/", { headers }));
}

/** Public answers may be cached briefly by browsers and proxies; the page refreshes itself. */
export const PUBLIC_CACHE = "public, max-age=15, stale-while-revalidate=30";

export function tooMany(seconds: number): Response {
  return new Response(`Too many requests; try again in ${seconds} s\n`, {
    status: 429,
    headers: { "Retry-After": String(seconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * Resolves `?page=<id>` (default: the first page), counts the request against the rate limit and
 * answers with `respond`'s body, cached briefly.
 */
export async function publicRoute(
  request: Request,
  respond: (page: PublicPage, urls: { page: string; self: string }) => Response,
): Promise<Response> {
  const wait = overLimit(request);
  if (wait !== null) return tooMany(wait);
  const url = new URL(request.url);
  const id = url.searchParams.get("page");
  const config = statusPage(id);
  if (!config)
    return Response.json(
      { error: `no status page "${id}"` },
      { status: 404, headers: { "Cache-Control": "no-store" } },
    );
  const page = await buildPublicPage(config);
  const origin = `${url.protocol}//${request.headers.get("host") ?? url.host}`;
  const pagePath =
    statusPages()[0]?.id === config.id && id === null ? "/status" : `/status/${config.id}`;
  const response = respond(page, { page: origin + pagePath, self: url.toString() });
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", PUBLIC_CACHE);
  return response;
}
