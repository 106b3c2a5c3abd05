import "server-only";
import { Agent, fetch as undiciFetch } from "undici";
import { readCapped } from "@/lib/http/read-capped";
import { classifyUpstreamError } from "@/lib/proxmox/errors";
import type { SourceFailure } from "@/lib/snapshot/types";
import {
  type AssembledLinstor,
  assembleLinstorView,
  LINSTOR_ENDPOINTS,
  type LinstorEndpoint,
  type LinstorEndpointResult,
} from "./rest";

// /v1/view/resources for 200 resources on 16 nodes is a few MB; this bounds a runaway answer.
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface LinstorTarget {
  /** The controller's base URL, e.g. http://10.0.0.4:3370 (a path prefix is kept for a reverse proxy). */
  url: string;
  /** Sent as `Authorization: Bearer`, for a controller behind an authenticating proxy. */
  token: string | null;
  dispatcher: Agent;
}

/** TLS for the controller's HTTPS port: a CA to trust and, as the Proxmox plugin uses, a client certificate. */
export function linstorDispatcher(options: {
  ca: string | null;
  cert: string | null;
  key: string | null;
  connectTimeoutMs: number;
}): Agent {
  return new Agent({
    connections: 4,
    connect: {
      ca: options.ca ?? undefined,
      cert: options.cert ?? undefined,
      key: options.key ?? undefined,
      timeout: options.connectTimeoutMs,
    },
  });
}

function endpointUrl(base: string, endpoint: LinstorEndpoint): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${endpoint}`;
  return url;
}

async function getJson(
  target: LinstorTarget,
  endpoint: LinstorEndpoint,
  signal: AbortSignal,
  at: Date,
): Promise<LinstorEndpointResult> {
  const host = new URL(target.url).host;
  const fail = (kind: SourceFailure["kind"], message: string): LinstorEndpointResult => ({
    ok: false,
    failure: { kind, message, at: at.toISOString() },
  });
  try {
    const response = await undiciFetch(endpointUrl(target.url, endpoint), {
      headers: {
        Accept: "application/json",
        ...(target.token === null ? {} : { Authorization: `Bearer ${target.token}` }),
      },
      dispatcher: target.dispatcher,
      signal,
    });
    const text = await readCapped(
      response.body as ReadableStream<Uint8Array> | null,
      MAX_ANSWER_BYTES,
      "answer",
    );
    if (response.status === 401 || response.status === 403)
      return fail("auth", `LINSTOR controller ${host} refused the request (${response.status})`);
    if (response.status !== 200)
      return fail("http", `LINSTOR controller ${host} answered ${response.status} on ${endpoint}`);
    try {
      return { ok: true, data: JSON.parse(text) as unknown };
    } catch {
      return fail(
        "garbage",
        `LINSTOR controller ${host} answered ${endpoint} with text that is not JSON`,
      );
    }
  } catch (err) {
    const failure = classifyUpstreamError(err, `LINSTOR controller ${host}`, at);
    return { ok: false, failure };
  }
}

/** One controller's three read-only answers under one deadline, mapped into a view. */
async function askController(
  target: LinstorTarget,
  deadlineMs: number,
  at: Date,
): Promise<AssembledLinstor> {
  const signal = AbortSignal.timeout(deadlineMs);
  const answers = await Promise.all(
    LINSTOR_ENDPOINTS.map(async (e) => [e, await getJson(target, e, signal, at)] as const),
  );
  const failure = answers.find(([e, r]) => e === "/v1/nodes" && !r.ok)?.[1];
  if (failure && !failure.ok && failure.failure.kind === "timeout") {
    failure.failure.message = `LINSTOR controller ${new URL(target.url).host} did not answer within ${deadlineMs} ms`;
  }
  return assembleLinstorView(
    new URL(target.url).hostname.replace(/^\[|\]$/g, ""),
    Object.fromEntries(answers),
    at.toISOString(),
  );
}

/**
 * Asks each controller in turn (LINSTOR runs one active controller; the others refuse or do not
 * answer) and keeps the first that answers /v1/nodes.
 */
export async function pollLinstor(
  targets: readonly LinstorTarget[],
  deadlineMs: number,
  now: () => number = Date.now,
): Promise<AssembledLinstor> {
  let last: AssembledLinstor | null = null;
  for (const target of targets) {
    last = await askController(target, deadlineMs, new Date(now()));
    if (last.ok) return last;
  }
  return (
    last ?? {
      ok: false,
      failure: {
        kind: "not-configured",
        message: "no LINSTOR controller to ask",
        at: new Date(now()).toISOString(),
      },
    }
  );
}
