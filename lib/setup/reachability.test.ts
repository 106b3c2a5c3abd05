import { createServer, type Server } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_COOKIE, issueSession, mayAdminister, verifySession } from "@/lib/auth/session";
import { Throttle } from "@/lib/auth/throttle";
import type { ResolvedAdmin } from "@/lib/config/load";
import {
  handleReachability,
  PROBE_TIMEOUT_MS,
  QNETD_PORT,
  type ReachabilityDeps,
} from "./reachability";
import { probeTcp, type ProbeResult } from "./tcp-probe";

const SECRET = Buffer.from("test-secret");
const admins: ResolvedAdmin[] = [
  { name: "alice", tokenSha256: Buffer.alloc(32), clusters: ["lab"], role: "admin" },
  { name: "bob", tokenSha256: Buffer.alloc(32), clusters: ["other"], role: "admin" },
];

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

/** A port that was just bound and released: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = await listen();
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let listener: Server;
let recorded: { clusterId: string; host: string; result: ProbeResult; by: string }[];
let asked: { host: string; port: number; timeoutMs: number }[];

beforeEach(async () => {
  listener = await listen();
  recorded = [];
  asked = [];
});
afterEach(async () => {
  await new Promise((resolve) => listener.close(resolve));
});

/** The handler with a real TCP probe; qnetd's fixed port is mapped onto `target` on loopback. */
function deps(target: () => number, throttle = new Throttle(30, 60_000)): ReachabilityDeps {
  return {
    authorize(request, clusterId) {
      const cookie = /tb_admin=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
      const session = verifySession(cookie, admins, Date.now(), SECRET);
      if (!session) return Response.json({ error: "sign in" }, { status: 401 });
      if (!mayAdminister(session, clusterId))
        return Response.json({ error: "not an admin of it" }, { status: 403 });
      return { ...session, via: "session" };
    },
    clusterExists: (id) => id === "lab" || id === "other",
    probe(host, port, timeoutMs) {
      asked.push({ host, port, timeoutMs });
      return probeTcp(host, port === QNETD_PORT ? target() : port, timeoutMs);
    },
    record: (clusterId, host, result, by) => recorded.push({ clusterId, host, result, by }),
    throttle,
    clientOf: (r) => r.headers.get("x-forwarded-for") ?? "",
    now: () => 0,
  };
}

function request(body: unknown, who: string | null = "alice", ip = "192.0.2.7"): Request {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-forwarded-for": ip,
  };
  if (who) headers.cookie = `${ADMIN_COOKIE}=${issueSession(who, Date.now(), SECRET)}`;
  return new Request("http://dashboard/api/setup/qdevice/reachability", {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
}

describe("probeTcp", () => {
  it("a loopback listener answers, with the time it took", async () => {
    const result = await probeTcp("127.0.0.1", portOf(listener), 2_000);
    expect(result).toMatchObject({ reachable: true });
    expect(result.reachable && result.ms).toBeGreaterThanOrEqual(0);
  });

  it("a closed port is refused, in plain words", async () => {
    expect(await probeTcp("127.0.0.1", await closedPort(), 2_000)).toEqual({
      reachable: false,
      error: "connection refused: nothing listens on that port there (ECONNREFUSED)",
    });
  });
});

describe("POST /api/setup/qdevice/reachability", () => {
  it("an admin of the cluster gets the answer for TCP 5403 of the typed host, and it is recorded", async () => {
    const response = await handleReachability(
      request({ cluster: "lab", host: "127.0.0.1" }),
      deps(() => portOf(listener)),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ host: "127.0.0.1", port: 5403, reachable: true });
    expect(asked).toEqual([{ host: "127.0.0.1", port: 5403, timeoutMs: PROBE_TIMEOUT_MS }]);
    expect(recorded).toMatchObject([{ clusterId: "lab", host: "127.0.0.1", by: "alice" }]);
  });

  it("a closed port answers unreachable with the reason", async () => {
    const port = await closedPort();
    const response = await handleReachability(
      request({ cluster: "lab", host: "127.0.0.1" }),
      deps(() => port),
    );
    expect(await response.json()).toEqual({
      host: "127.0.0.1",
      port: 5403,
      reachable: false,
      error: "connection refused: nothing listens on that port there (ECONNREFUSED)",
    });
  });

  it.each<[string, unknown, string | null, number]>([
    ["nobody signed in", { cluster: "lab", host: "127.0.0.1" }, null, 401],
    ["an admin of another cluster", { cluster: "lab", host: "127.0.0.1" }, "bob", 403],
    ["an unknown cluster", { cluster: "nope", host: "127.0.0.1" }, "alice", 404],
    ["a host with a port", { cluster: "lab", host: "127.0.0.1:22" }, "alice", 400],
    ["a URL instead of a host", { cluster: "lab", host: "http://127.0.0.1/" }, "alice", 400],
    ["a port field", { cluster: "lab", host: "127.0.0.1", port: 22 }, "alice", 400],
    ["a bracketed IPv6 address with a port", { cluster: "lab", host: "[::1]:22" }, "alice", 400],
    ["a host with a path", { cluster: "lab", host: "qnetd.example/admin" }, "alice", 400],
    ["a host with options after it", { cluster: "lab", host: "127.0.0.1 -p 22" }, "alice", 400],
    ["a user@host", { cluster: "lab", host: "root@qnetd.example" }, "alice", 400],
  ])("refuses %s (%#) without probing anything", async (_name, body, who, status) => {
    const response = await handleReachability(
      request(body, who),
      deps(() => portOf(listener)),
    );
    expect(response.status).toBe(status);
    expect(asked).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it("rate-limits per admin and client address", async () => {
    const throttle = new Throttle(2, 60_000);
    const d = deps(() => portOf(listener), throttle);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await handleReachability(request({ cluster: "lab", host: "127.0.0.1" }), d)).status,
      );
    expect(statuses).toEqual([200, 200, 429]);
    const other = await handleReachability(
      request({ cluster: "lab", host: "127.0.0.1" }, "alice", "192.0.2.8"),
      d,
    );
    expect(other.status).toBe(200);
    expect(asked).toHaveLength(3);
  });
});
