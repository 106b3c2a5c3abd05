import { type EndpointResult, endpointReader } from "@/lib/http/endpoint-results";
import type { ApiView, SourceFailure } from "@/lib/snapshot/types";
import {
  mapCephStatus,
  mapClusterStatus,
  mapConfigNodes,
  mapGuests,
  mapHa,
  mapHaManagerStatus,
  mapNodes,
  mapQdevice,
  mapStorages,
  mapVersion,
} from "./map";

/** Cluster-wide endpoints polled every interval; /cluster/status decides whether the API is usable. */
export const CLUSTER_ENDPOINTS = [
  "/cluster/status",
  "/cluster/config/nodes",
  "/cluster/config/qdevice",
  "/nodes",
  "/storage",
  "/cluster/resources",
  "/cluster/ha/status/current",
  "/cluster/ha/status/manager_status",
  "/cluster/ceph/status",
  "/version",
] as const;

/**
 * How pveproxy answers /cluster/ceph/status where Ceph is not set up (PVE::Ceph::Tools): the
 * cluster has no Ceph, which is not a failure.
 */
const CEPH_ABSENT = /binary not installed|configuration not initialized|not initialized/i;

export type ClusterEndpoint = (typeof CLUSTER_ENDPOINTS)[number];

export type { EndpointResult } from "@/lib/http/endpoint-results";

export type AssembledApi = { ok: true; view: ApiView } | { ok: false; failure: SourceFailure };

/**
 * Maps the endpoints' raw answers into one view. A failing or malformed secondary endpoint is
 * recorded in endpointErrors and leaves its field null; only /cluster/status is required.
 */
export function assembleApiView(
  results: Partial<Record<ClusterEndpoint, EndpointResult>>,
  answeredBy: string | null,
  nowIso: string,
): AssembledApi {
  const endpointErrors: Record<string, SourceFailure> = {};
  const take = endpointReader(
    results,
    endpointErrors,
    nowIso,
    (endpoint, err) => `${endpoint} answered in an unexpected shape: ${err.message}`,
  );
  const ceph = results["/cluster/ceph/status"];
  const cephAbsent =
    ceph !== undefined &&
    !ceph.ok &&
    ceph.failure.kind === "http" &&
    CEPH_ABSENT.test(ceph.failure.message);
  const status = take("/cluster/status", mapClusterStatus);
  if (status === null) {
    const failure = endpointErrors["/cluster/status"] ?? {
      kind: "not-configured" as const,
      message: "/cluster/status was not fetched",
      at: nowIso,
    };
    return { ok: false, failure };
  }
  return {
    ok: true,
    view: {
      answeredBy,
      status,
      configNodes: take("/cluster/config/nodes", mapConfigNodes),
      qdevice: take("/cluster/config/qdevice", mapQdevice),
      nodes: take("/nodes", mapNodes),
      storages: take("/storage", mapStorages),
      guests: take("/cluster/resources", mapGuests),
      ha: take("/cluster/ha/status/current", mapHa),
      haManager: take("/cluster/ha/status/manager_status", mapHaManagerStatus),
      ceph: cephAbsent ? null : take("/cluster/ceph/status", mapCephStatus),
      version: take("/version", mapVersion),
      endpointErrors,
    },
  };
}
