import { jsonNoStore, withCollector } from "@/lib/collector/respond";
import { wallResponse } from "@/lib/collector/surface-views";

/** The wall's summary of the latest poll: small enough for a wall PC on a slow link. */
export function GET(request: Request) {
  return withCollector(request, (collector) => {
    const body = wallResponse(collector, collector.current());
    return jsonNoStore(body, body.pending ? 202 : 200);
  });
}
