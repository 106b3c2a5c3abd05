import "server-only";
import proxmoxApi, { type Proxmox } from "proxmox-api";
import { fetch as undiciFetch, type Agent, type RequestInit } from "undici";
import type { ClusterEndpoint } from "./api-view";
import { DeadlineError } from "./errors";

export interface ProxmoxTarget {
  url: string;
  tokenId: string;
  tokenSecret: string;
  dispatcher: Agent;
}

/** Our fetch for proxmox-api: the cluster's dispatcher plus our own deadline signal. */
function fetchWith(dispatcher: Agent, signal: AbortSignal) {
  return (url: string | URL, init?: RequestInit) =>
    undiciFetch(url, {
      ...init,
      dispatcher,
      signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
    });
}

function api(target: ProxmoxTarget, signal: AbortSignal): Proxmox.Api {
  const url = new URL(target.url);
  return proxmoxApi({
    host: url.hostname,
    // proxmox-api has no default port of its own despite its docs.
    port: url.port === "" ? 8006 : Number(url.port),
    schema: url.protocol === "http:" ? "http" : "https",
    tokenID: target.tokenId,
    tokenSecret: target.tokenSecret,
    queryTimeout: 60_000,
    fetch: fetchWith(target.dispatcher, signal),
  });
}

const CALLS: Record<ClusterEndpoint, (a: Proxmox.Api) => Promise<unknown>> = {
  "/cluster/status": (a) => a.cluster.status.$get(),
  "/cluster/config/nodes": (a) => a.cluster.config.nodes.$get(),
  "/cluster/config/qdevice": (a) => a.cluster.config.qdevice.$get(),
  "/nodes": (a) => a.nodes.$get(),
  "/storage": (a) => a.storage.$get(),
  "/cluster/resources": (a) => a.cluster.resources.$get(),
  "/cluster/ha/status/current": (a) => a.cluster.ha.status.current.$get(),
  "/cluster/ha/status/manager_status": (a) => a.cluster.ha.status.manager_status.$get(),
  "/cluster/ceph/status": (a) => a.cluster.ceph.status.$get(),
  "/version": (a) => a.version.$get(),
};

/** Runs one call under our deadline: it covers the whole call, retries included. */
async function withDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineError(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function getEndpoint(
  target: ProxmoxTarget,
  endpoint: ClusterEndpoint,
  deadlineMs: number,
): Promise<unknown> {
  return withDeadline(deadlineMs, (signal) => CALLS[endpoint](api(target, signal)));
}

/** The token's own effective privileges; every token may read its own. */
export function getPermissions(target: ProxmoxTarget, deadlineMs: number): Promise<unknown> {
  return withDeadline(deadlineMs, (signal) => api(target, signal).access.permissions.$get());
}

export function getNodeStorage(
  target: ProxmoxTarget,
  node: string,
  deadlineMs: number,
): Promise<unknown> {
  return withDeadline(deadlineMs, (signal) => api(target, signal).nodes.$(node).storage.$get());
}
