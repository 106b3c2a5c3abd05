import { jsonNoStore, withCollector } from "@/lib/collector/respond";
import { overviewResponse } from "@/lib/collector/surface-views";

/** The overview's view model of the latest poll; never calls upstream. */
export function GET(request: Request) {
  return withCollector(request, (collector) => {
    const body = overviewResponse(collector, collector.current());
    return jsonNoStore(body, body.pending ? 202 : 200);
  });
}
