import "server-only";
import { DashboardConfigError } from "@/lib/config/load";
import { startHistory } from "@/lib/history/service";
import { startNotifications } from "@/lib/notify/service";
import { startElection } from "./election-service";
import { getRegistry } from "./registry";

/**
 * Validates the configuration, starts one collector per cluster and records their views into the
 * status page's history, from which notifications are sent; a wrong config stops the server.
 */
export function startCollectors(): void {
  try {
    const { config, collectors } = getRegistry();
    const list = config.clusters.map((c) => `${c.id} every ${c.intervalMs} ms`).join(", ");
    console.log(`[tiebreaker] polling ${list}`);
    const election = startElection(config.history, [...collectors.values()]);
    const history = startHistory(
      config.history,
      election
        ? [...collectors.values()].map((c) => election.whilePolling(c))
        : collectors.values(),
    );
    startNotifications(config.notifications, config.clusters, history);
  } catch (err) {
    if (err instanceof DashboardConfigError) {
      console.error(`[tiebreaker] configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
