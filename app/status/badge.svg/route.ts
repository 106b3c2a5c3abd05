import { publicRoute } from "@/lib/history/public-page";
import { UPTIME_WINDOWS, type UptimeWindow } from "@/lib/surfaces/public-status";
import { statusBadge, uptimeBadge } from "@/lib/surfaces/status-badge";

const SVG = { "Content-Type": "image/svg+xml; charset=utf-8" };

function isWindow(value: string | null): value is UptimeWindow {
  return UPTIME_WINDOWS.some((w) => w === value);
}

/**
 * The overall state as a badge; with `?component=<id>` (or `<cluster>.<id>`) and
 * `&window=24h|7d|30d|90d`, that component's uptime over the window instead.
 */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const wanted = params.get("component");
  const window = params.get("window") ?? "30d";
  return publicRoute(request, (page) => {
    if (wanted === null) return new Response(statusBadge(page), { headers: SVG });
    const component = page.groups
      .flatMap((g) => g.components)
      .find((c) => c.key === wanted || c.id === wanted);
    if (!component || !isWindow(window))
      return new Response(uptimeBadge("uptime", null), { status: 404, headers: SVG });
    return new Response(uptimeBadge(`${component.name} ${window}`, component.uptime[window]), {
      headers: SVG,
    });
  });
}
