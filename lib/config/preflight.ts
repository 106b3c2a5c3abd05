/**
 * Loaded before Next's standalone server (scripts/build-preflight.mjs puts it in front of
 * server.js): a wrong config file stops the process with the reason before Next prints "Ready",
 * instead of after it, when the first request would have started the collectors.
 */
import { DashboardConfigError, loadConfig } from "./load";

try {
  loadConfig();
} catch (err) {
  if (!(err instanceof DashboardConfigError)) throw err;
  console.error(`[tiebreaker] configuration error: ${err.message}`);
  process.exit(1);
}
