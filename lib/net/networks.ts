import { BlockList, isIP } from "node:net";

/** `::ffff:10.0.0.1` as a socket reports an IPv4 peer on a dual-stack listener is `10.0.0.1`. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** A matcher for addresses and networks as the config writes them (`10.0.0.0/24`, `fd00::1`). */
export function networkMatcher(networks: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const network of networks) {
    const [address = "", prefix] = network.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (candidate) => {
    const address = plainAddress(candidate.replace(/^\[|\]$/g, ""));
    const family = isIP(address);
    if (family === 0) return false;
    return list.check(address, family === 6 ? "ipv6" : "ipv4");
  };
}

/** Whether an address is loopback: 127.0.0.0/8 or ::1. */
export const isLoopback = networkMatcher(["127.0.0.0/8", "::1"]);
