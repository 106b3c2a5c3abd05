import "server-only";
import type { TLSSocket } from "node:tls";
import { Agent, buildConnector } from "undici";
import { FingerprintMismatchError } from "./errors";

export function normalizeFingerprint(value: string): string {
  return value.replace(/:/g, "").toUpperCase();
}

/**
 * A dispatcher for one Proxmox cluster. With a pinned fingerprint, chain validation is off and the
 * peer certificate's SHA-256 is checked on the socket itself: Node skips checkServerIdentity when
 * rejectUnauthorized is false, so a pin there would never run.
 */
export function proxmoxDispatcher(options: {
  ca: string | null;
  fingerprint: string | null;
  connectTimeoutMs: number;
}): Agent {
  if (options.fingerprint === null) {
    return new Agent({
      connect: { ca: options.ca ?? undefined, timeout: options.connectTimeoutMs },
      connections: 4,
    });
  }
  const pin = normalizeFingerprint(options.fingerprint);
  // Resumed TLS sessions carry no peer certificate to check, so every connection does a full handshake.
  const connect = buildConnector({
    rejectUnauthorized: false,
    timeout: options.connectTimeoutMs,
    maxCachedSessions: 0,
  });
  return new Agent({
    connections: 4,
    connect: (opts, callback) => {
      connect(opts, (err, socket) => {
        if (err || !socket) {
          callback(err ?? new Error("no socket"), null);
          return;
        }
        if (opts.protocol !== "https:") {
          callback(null, socket);
          return;
        }
        const peer = (socket as TLSSocket).getPeerCertificate?.();
        const seen = peer?.fingerprint256 ? normalizeFingerprint(peer.fingerprint256) : "";
        if (seen !== pin) {
          socket.destroy();
          callback(
            new FingerprintMismatchError(
              `certificate fingerprint ${peer?.fingerprint256 ?? "(none)"} does not match the pinned one`,
            ),
            null,
          );
          return;
        }
        callback(null, socket);
      });
    },
  });
}
