export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startCollectors } = await import("./lib/collector/start");
    startCollectors();
  }
}
