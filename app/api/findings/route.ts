import { jsonNoStore, withCollector } from "@/lib/collector/respond";

export function GET(request: Request) {
  return withCollector(request, (collector) => {
    const view = collector.current();
    if (!view) return jsonNoStore({ pending: true, clusterId: collector.config.id }, 202);
    return jsonNoStore({ takenAt: view.snapshot.takenAt, findings: view.findings });
  });
}
