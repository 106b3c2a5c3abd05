import {
  wallAccessOf,
  wallDenied,
  wallForbidden,
  withRenewedPairing,
} from "@/lib/auth/display-access";
import { mayShowCluster } from "@/lib/auth/display";
import { jsonNoStore, withCollector } from "@/lib/collector/respond";
import { wallResponse } from "@/lib/collector/surface-views";

/** The wall's summary of the latest poll: small enough for a wall PC on a slow link. */
export function GET(request: Request) {
  const access = wallAccessOf(request);
  if (access.kind === "denied") return wallDenied(access.reason);
  return withCollector(request, (collector) => {
    if (!mayShowCluster(access, collector.config.id)) return wallForbidden(collector.config.id);
    const body = wallResponse(collector, collector.current());
    return withRenewedPairing(jsonNoStore(body, body.pending ? 202 : 200), request, access);
  });
}
