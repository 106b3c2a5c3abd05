import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AgentReport } from "@/lib/agents/schema";
import { bearerMatches } from "./auth";
import { AGENT_VERSION } from "./collect";
import { renderMetrics } from "./metrics";
import { AuthThrottle } from "./throttle";
import type { ChangeEvent } from "./watch";

/** How a scenario node folder's UNREACHABLE file makes a demo agent misbehave. */
export type SimulatedFault = "timeout" | "refused" | "auth" | "garbage";

export interface AgentServerOptions {
  report: () => Promise<AgentReport>;
  /** Announces state changes on GET /v1/events; without it that path is not found. */
  changes?: { subscribe(listener: (event: ChangeEvent) => void): () => void };
  reportTokens: readonly string[];
  metricsTokens: readonly string[];
  fault?: () => Promise<SimulatedFault | null>;
  /** A simulated hang ends after this long so demo sockets are not held forever. */
  hangMs?: number;
  /** Limits failed authentications per client address; a default one when not given. */
  authThrottle?: AuthThrottle;
}

export function createAgentServer(options: AgentServerOptions): Server {
  const throttle = options.authThrottle ?? new AuthThrottle();
  const server = createServer((req, res) => {
    handle(req, res, options, throttle).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: "internal error", detail: String(err) });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: AgentServerOptions,
  throttle: AuthThrottle,
) {
  const url = new URL(req.url ?? "/", "http://agent.invalid");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    send(res, 405, { error: "method not allowed" });
    return;
  }
  if (url.pathname === "/healthz") {
    send(res, 200, { status: "ok", version: AGENT_VERSION });
    return;
  }
  const events = url.pathname === "/v1/events" && options.changes !== undefined;
  if (url.pathname !== "/v1/report" && url.pathname !== "/metrics" && !events) {
    send(res, 404, { error: "not found" });
    return;
  }

  const fault = options.fault ? await options.fault() : null;
  if (fault === "refused") {
    req.socket.destroy();
    return;
  }
  if (fault === "timeout") {
    const timer = setTimeout(() => res.destroy(), options.hangMs ?? 120_000);
    res.on("close", () => clearTimeout(timer));
    return;
  }

  const tokens =
    url.pathname === "/metrics"
      ? [...options.reportTokens, ...options.metricsTokens]
      : options.reportTokens;
  const client = req.socket.remoteAddress ?? "unknown";
  const wait = throttle.retryAfterSeconds(client);
  if (wait > 0) {
    res.setHeader("Retry-After", String(wait));
    send(res, 429, { error: "too many failed authentications from this address" });
    return;
  }
  if (fault === "auth" || !bearerMatches(req.headers.authorization, tokens)) {
    // A simulated refusal (demo) is not a guess and costs nothing.
    if (fault !== "auth") throttle.fail(client);
    res.setHeader("WWW-Authenticate", 'Bearer realm="tiebreaker-agent"');
    send(res, 401, { error: "missing or wrong bearer token" });
    return;
  }
  if (fault === "garbage") {
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end("<html><body>502 Bad Gateway</body></html>\n\u0000\u0001");
    return;
  }

  if (events && options.changes) {
    streamChanges(req, res, options.changes);
    return;
  }

  const report = await options.report();
  if (url.pathname === "/metrics") {
    res.writeHead(200, {
      "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
      "Cache-Control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : renderMetrics(report));
    return;
  }
  send(res, 200, report, req.method === "HEAD");
}

/** Server-sent events, one per change the watcher sees; a comment every 15 s keeps proxies from closing it. */
function streamChanges(
  req: IncomingMessage,
  res: ServerResponse,
  changes: NonNullable<AgentServerOptions["changes"]>,
) {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.write("retry: 1000\n\n");
  const off = changes.subscribe((event) => {
    const { seq, probes, at } = event;
    res.write(`event: change\ndata: ${JSON.stringify({ seq, probes, at })}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
  const close = () => {
    off();
    clearInterval(keepAlive);
  };
  req.on("close", close);
  res.on("close", close);
}

function send(res: ServerResponse, status: number, body: unknown, headOnly = false) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(headOnly ? undefined : text);
}
