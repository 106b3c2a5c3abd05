import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Finding } from "@/lib/health/types";

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the loopback receiver does with a request: answer with this status, or never answer. */
export type Reply = number | "hang";

export interface LoopbackReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Replies for the next requests, in order; afterwards every request gets `fallback`. */
  replies: Reply[];
  fallback: Reply;
  /** Requests that arrived and were never answered. */
  hanging: () => number;
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with a free port that records every request it gets. */
export async function loopbackReceiver(fallback: Reply = 200): Promise<LoopbackReceiver> {
  const requests: ReceivedRequest[] = [];
  const held = new Set<ServerResponse>();
  const receiver: Omit<LoopbackReceiver, "url" | "close"> = {
    requests,
    replies: [],
    fallback,
    hanging: () => held.size,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const reply = receiver.replies.shift() ?? receiver.fallback;
      if (reply === "hang") {
        held.add(res);
        res.on("close", () => held.delete(res));
        return;
      }
      res.writeHead(reply, { "content-type": "text/plain" }).end(reply < 300 ? "" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: "quorum.lost",
    severity: "critical",
    subject: "cluster",
    title: "The cluster has lost quorum",
    detail: "pve1 reports Quorate: No (1 of 2 votes, quorum 2).",
    remedy: "Bring pve2 back or restore the link between the nodes.",
    ...overrides,
  };
}
