import { currentDisplayKeys } from "@/lib/auth/display-keys";
import { PairingGuard, pairDisplay } from "@/lib/auth/display-pair";
import { clientKey, forwardingProxies } from "@/lib/auth/client-key";
import { getRegistry } from "@/lib/collector/registry";

// Ten wrong codes a minute per client make a 16-character key unguessable in practice.
const guard = new PairingGuard(10, 60_000);

/** The one-time pairing link of a wall display; see docs/wall.md. */
export function GET(request: Request) {
  const nowMs = Date.now();
  const { config } = getRegistry();
  return pairDisplay(request, {
    keys: currentDisplayKeys(),
    secret: config.sessionSecret,
    guard,
    nowMs,
    client: clientKey(request, forwardingProxies(config.access)),
  });
}
