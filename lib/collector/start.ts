import "server-only";
import { DashboardConfigError } from "@/lib/config/load";
import { startHistory } from "@/lib/history/service";
import { getRegistry } from "./registry";

/**
 * Validates the configuration, starts one collector per cluster and records their views into the
 * status page's history; a wrong config stops the server.
 */
export function startCollectors(): void {
  try {
    const { config, collectors } = getRegistry();
    const list = config.clusters.map((c) => `${c.id} every ${c.intervalMs} ms`).join(", ");
    console.log(`[tiebreaker] polling ${list}`);
    startHistory(config.history, collectors.values());
  } catch (err) {
    if (err instanceof DashboardConfigError) {
      console.error(`[tiebreaker] configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
