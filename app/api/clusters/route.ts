import { getRegistry } from "@/lib/collector/registry";
import { jsonNoStore } from "@/lib/collector/respond";

export function GET() {
  const { config } = getRegistry();
  return jsonNoStore(
    config.clusters.map((c) => ({ id: c.id, name: c.name ?? c.id, intervalMs: c.intervalMs })),
  );
}
