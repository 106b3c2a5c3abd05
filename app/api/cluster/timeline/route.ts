import { jsonNoStore, withCollector } from "@/lib/collector/respond";
import { getRegistry } from "@/lib/collector/registry";
import { startHistory } from "@/lib/history/service";
import { clusterTimeline } from "@/lib/history/timeline";

/** The cluster's recorded state over the last 24 hours, for the strip under the overview header. */
export function GET(request: Request) {
  return withCollector(request, (collector) => {
    const registry = getRegistry();
    const { store } = startHistory(registry.config.history, registry.collectors.values());
    try {
      return jsonNoStore(
        clusterTimeline(store, collector.config.id, collector.config.intervalMs, Date.now()),
      );
    } catch (err) {
      return jsonNoStore({ error: `the history cannot be read: ${(err as Error).message}` }, 503);
    }
  });
}
