import "server-only";
import http, { type IncomingMessage } from "node:http";

/** Set on every request to the TCP peer's address; a client's own header of that name is replaced. */
export const PEER_HEADER = "x-tiebreaker-peer";

// The proxy layer sees only headers; Next keeps a client's X-Forwarded-For as it came, so the
// socket's address is stamped before Next reads the request. Kept on globalThis: one per process.
const holder = globalThis as typeof globalThis & { __tiebreakerPeerHeader?: boolean };

/** Stamps each request this process serves with its peer address; idempotent. */
export function installPeerAddressHeader(): void {
  if (holder.__tiebreakerPeerHeader) return;
  const prototype = http.Server.prototype;
  const emit: (...args: unknown[]) => boolean = Reflect.get(prototype, "emit") as never;
  prototype.emit = function (
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]);
  };
  holder.__tiebreakerPeerHeader = true;
}

/** The TCP peer of a request, or null when this process does not stamp it (then nobody is trusted). */
export function peerAddress(headers: Headers): string | null {
  if (!holder.__tiebreakerPeerHeader) return null;
  return headers.get(PEER_HEADER) || null;
}
