import "server-only";
import type { HistoryConfig } from "@/lib/config/history-schema";
import { postgresUrl } from "@/lib/history/service";
import type { ClusterCollector } from "./cluster-collector";
import { PollerElection } from "./poller-election";

// One election per server process; kept on globalThis so dev-mode reloads do not start a second.
const holder = globalThis as typeof globalThis & { __tiebreakerElection?: PollerElection };

/** With history in PostgreSQL, instances sharing it elect one poller per cluster; else null. */
export function startElection(
  config: HistoryConfig,
  collectors: ClusterCollector[],
): PollerElection | null {
  if (config.driver !== "postgres") return null;
  if (!holder.__tiebreakerElection) {
    const election = new PollerElection(postgresUrl(config), collectors);
    holder.__tiebreakerElection = election;
    election.start();
  }
  return holder.__tiebreakerElection;
}
