import "server-only";
import { currentConfig } from "@/lib/config/current";
import type { ResolvedConfig } from "@/lib/config/load";
import { ClusterCollector } from "./cluster-collector";

interface Registry {
  config: ResolvedConfig;
  collectors: Map<string, ClusterCollector>;
}

// One registry per server process; kept on globalThis so dev-mode reloads do not start a second poller.
const holder = globalThis as typeof globalThis & { __tiebreakerRegistry?: Registry };

export function getRegistry(): Registry {
  if (!holder.__tiebreakerRegistry) {
    const config = currentConfig();
    const collectors = new Map(
      config.clusters.map((c) => [c.id, new ClusterCollector(c, config.thresholds)]),
    );
    holder.__tiebreakerRegistry = { config, collectors };
    // With a shared PostgreSQL, the poller election decides which instance polls which cluster.
    if (config.history.driver !== "postgres")
      for (const collector of collectors.values()) collector.start();
  }
  return holder.__tiebreakerRegistry;
}

export function getCollector(id: string | null): ClusterCollector | null {
  const { collectors } = getRegistry();
  if (id === null) return collectors.values().next().value ?? null;
  return collectors.get(id) ?? null;
}
