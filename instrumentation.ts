export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.TIEBREAKER_SKIP_COLLECTORS === "1") return;
  const { getRegistry } = await import("@/lib/collector/registry");
  const { DashboardConfigError } = await import("@/lib/config/load");
  try {
    const { config } = getRegistry();
    console.log(
      `[tiebreaker] polling ${config.clusters.map((c) => `${c.id} every ${c.intervalMs} ms`).join(", ")}`,
    );
  } catch (err) {
    if (err instanceof DashboardConfigError) {
      console.error(`[tiebreaker] configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
