import { jsonNoStore, withCollector } from "@/lib/collector/respond";
import { overviewResponse } from "@/lib/collector/surface-views";
import { overviewBody } from "@/lib/collector/view-events";

/**
 * The overview's view model of the latest poll; never calls upstream. The body is the view's
 * shared bytes, sent as they are: compressing them again for each request cost every viewer's
 * answer time more than the few kilobytes it saved, and the overview stream already carries the
 * same bytes uncompressed with every view.
 */
export function GET(request: Request) {
  return withCollector(request, (collector) => {
    const view = collector.current();
    if (!view) return jsonNoStore(overviewResponse(collector, null), 202);
    return new Response(overviewBody(collector, view), {
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store, no-transform" },
    });
  });
}
