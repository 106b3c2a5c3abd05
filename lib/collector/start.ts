import "server-only";
import { DashboardConfigError } from "@/lib/config/load";
import { getRegistry } from "./registry";

/** Validates the configuration and starts one collector per cluster; a wrong config stops the server. */
export function startCollectors(): void {
  try {
    const { config } = getRegistry();
    const list = config.clusters.map((c) => `${c.id} every ${c.intervalMs} ms`).join(", ");
    console.log(`[tiebreaker] polling ${list}`);
  } catch (err) {
    if (err instanceof DashboardConfigError) {
      console.error(`[tiebreaker] configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
