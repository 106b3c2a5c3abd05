import "server-only";
import { connect } from "node:net";

export type ProbeResult = { reachable: true; ms: number } | { reachable: false; error: string };

const WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused: nothing listens on that port there",
  ECONNRESET: "the connection was reset by the host or a firewall",
  EHOSTUNREACH: "no route to the host (it is down or not on a reachable network)",
  ENETUNREACH: "the network is unreachable from this server",
  ENOTFOUND: "the name does not resolve",
  EAI_AGAIN: "the name could not be resolved right now (DNS did not answer)",
  EADDRNOTAVAIL: "the address is not usable from this server",
};

/** A connection error in plain words, with the system's code for whoever searches for it. */
export function describeConnectError(err: NodeJS.ErrnoException): string {
  const code = err.code ?? "";
  const words = WORDS[code];
  return words ? `${words} (${code})` : err.message;
}

/**
 * Opens one TCP connection to host:port and closes it at once. The deadline covers name
 * resolution too, so a black-holed address costs `timeoutMs` and no more.
 */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
  now: () => number = () => performance.now(),
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = now();
    const socket = connect({ host, port });
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          reachable: false,
          error: `no answer within ${timeoutMs / 1000} s: the host is down, or a firewall drops TCP ${port}`,
        }),
      timeoutMs,
    );
    socket.once("connect", () =>
      finish({ reachable: true, ms: Math.max(0, Math.round(now() - started)) }),
    );
    socket.once("error", (err: NodeJS.ErrnoException) =>
      finish({ reachable: false, error: describeConnectError(err) }),
    );
  });
}
