import "server-only";
import { z } from "zod";
import type { AdminSession } from "@/lib/auth/admin";
import type { Throttle } from "@/lib/auth/throttle";
import { qnetdHostSchema } from "@/lib/surfaces/qdevice-setup-progress";
import type { ProbeResult } from "./tcp-probe";
import { excerpt } from "@/lib/http/excerpt";

/** corosync-qnetd's port; the check never tries another. */
export const QNETD_PORT = 5403;
/** Long enough for a LAN or VPN round trip, short enough that an admin waits for the answer. */
export const PROBE_TIMEOUT_MS = 2_000;
/** Probes per admin and client address per minute: a page re-checking every 5 s stays well inside. */
export const PROBES_PER_MINUTE = 30;

const bodySchema = z.strictObject({
  cluster: z.string().min(1).max(63),
  host: qnetdHostSchema,
});

export interface ReachabilityDeps {
  /** `requireAdmin`: the session allowed to act on the cluster, or the response refusing it. */
  authorize(request: Request, clusterId?: string): AdminSession | Response;
  clusterExists(clusterId: string): boolean;
  probe(host: string, port: number, timeoutMs: number): Promise<ProbeResult>;
  /** Keeps the answer with the cluster's wizard run. */
  record(clusterId: string, host: string, result: ProbeResult, by: string): void;
  throttle: Throttle;
  /** Who is asking, as the per-client limit counts them (`clientKey`). */
  clientOf(request: Request): string;
  now(): number;
}

export type ReachabilityAnswer = { host: string; port: number } & ProbeResult;

function reply(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * POST {cluster, host}: can this server open TCP 5403 on the host an admin typed? Only an admin
 * of that cluster may ask, only about that one host and port, a limited number of times a minute.
 */
export async function handleReachability(
  request: Request,
  deps: ReachabilityDeps,
): Promise<Response> {
  const signedIn = deps.authorize(request);
  if (signedIn instanceof Response) return signedIn;
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    return reply({ error: `${field}: ${issue?.message ?? "invalid"}` }, 400);
  }
  const { cluster, host } = parsed.data;
  if (!deps.clusterExists(cluster)) return reply({ error: `no cluster ${excerpt(cluster)}` }, 404);
  const admin = deps.authorize(request, cluster);
  if (admin instanceof Response) return admin;

  const key = `${admin.name}|${deps.clientOf(request)}`;
  const now = deps.now();
  if (!deps.throttle.allow(key, now)) {
    const seconds = Math.ceil(deps.throttle.retryAfterMs(key, now) / 1000);
    return reply({ error: `too many reachability checks; try again in ${seconds} s` }, 429, {
      "Retry-After": String(seconds),
    });
  }
  const result = await deps.probe(host, QNETD_PORT, PROBE_TIMEOUT_MS);
  deps.record(cluster, host, result, admin.name);
  return reply({ host, port: QNETD_PORT, ...result } satisfies ReachabilityAnswer);
}
