import "server-only";
import type { AccessConfig } from "@/lib/config/access-schema";
import { networkMatcher, plainAddress } from "@/lib/net/networks";
import { peerAddress } from "./peer-address";

/** The reverse proxies whose X-Forwarded-For is believed: `forwardedBy` and proxyAuth's proxies. */
export function forwardingProxies(access: AccessConfig): string[] {
  return [...access.forwardedBy, ...(access.proxyAuth?.trustedProxies ?? [])];
}

/**
 * The client a per-client limit counts: the TCP peer, or, when the peer is a configured reverse
 * proxy, the nearest X-Forwarded-For hop that is not one. A client cannot pick its own key by
 * sending the header, because hops it adds sit left of those the proxies append.
 */
export function clientKey(request: Request | Headers, proxies: readonly string[]): string {
  const headers = request instanceof Headers ? request : request.headers;
  const peer = peerAddress(headers);
  // Without a stamped peer (not this server's own listener) every request shares one key.
  if (peer === null) return "unknown";
  const trusted = networkMatcher(proxies);
  if (!trusted(peer)) return plainAddress(peer);
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted(hops[i]!)) return hops[i]!.slice(0, 64);
  return plainAddress(peer);
}
