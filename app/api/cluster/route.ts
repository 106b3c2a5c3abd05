import { jsonNoStore, withCollector } from "@/lib/collector/respond";
import { toClusterDto } from "@/lib/snapshot/cluster-dto";

/** The latest snapshot, summary and findings; never calls upstream. */
export function GET(request: Request) {
  return withCollector(request, (collector) => {
    const view = collector.current();
    if (!view) return jsonNoStore({ pending: true, clusterId: collector.config.id }, 202);
    return jsonNoStore(toClusterDto(view, collector.config.name ?? null));
  });
}
