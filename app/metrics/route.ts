import { timingSafeEqual } from "node:crypto";
import { prometheusText } from "@/lib/collector/prometheus";
import { getRegistry } from "@/lib/collector/registry";
import { pendingMetrics, toMetrics } from "@/lib/surfaces/metrics";

function authorized(request: Request, token: string | null): boolean {
  if (token === null) return true;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Prometheus scrape of every cluster's latest view; never calls upstream. */
export async function GET(request: Request) {
  const { config, collectors } = getRegistry();
  if (!authorized(request, config.metricsToken))
    return new Response("bearer token required\n", {
      status: 401,
      headers: { "WWW-Authenticate": "Bearer" },
    });
  const perCluster = [...collectors.values()].map((collector) => {
    const view = collector.current();
    return view ? toMetrics(view) : pendingMetrics(collector.config.id);
  });
  const { text, contentType } = await prometheusText(perCluster);
  return new Response(text, {
    headers: { "Content-Type": contentType, "Cache-Control": "no-store" },
  });
}
