export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerAddressHeader } = await import("./lib/auth/peer-address");
    installPeerAddressHeader();
    const { startCollectors } = await import("./lib/collector/start");
    startCollectors();
  }
}
