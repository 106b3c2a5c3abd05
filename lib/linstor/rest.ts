import { z } from "zod";
import { type EndpointResult, endpointReader } from "@/lib/http/endpoint-results";
import type {
  LinstorNode,
  LinstorPlacement,
  LinstorResource,
  LinstorStoragePool,
  LinstorView,
  SourceFailure,
} from "@/lib/snapshot/types";

/** The controller's read-only endpoints the dashboard asks; /v1/nodes decides whether it answered. */
export const LINSTOR_ENDPOINTS = [
  "/v1/nodes",
  "/v1/view/resources",
  "/v1/view/storage-pools",
] as const;

export type LinstorEndpoint = (typeof LINSTOR_ENDPOINTS)[number];

// Only the fields read here are checked; LINSTOR adds fields with every release.
const nodeSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().optional(),
  connection_status: z.string().optional(),
});

const resourceSchema = z.looseObject({
  name: z.string().min(1),
  node_name: z.string().min(1),
  flags: z.array(z.string()).optional(),
  state: z.looseObject({ in_use: z.boolean().optional() }).optional(),
  layer_object: z
    .looseObject({
      drbd: z
        .looseObject({
          connections: z
            .record(
              z.string(),
              z.looseObject({ connected: z.boolean().optional(), message: z.string().optional() }),
            )
            .optional(),
        })
        .optional(),
    })
    .optional(),
  volumes: z
    .array(
      z.looseObject({
        volume_number: z.number().optional(),
        storage_pool_name: z.string().optional(),
        provider_kind: z.string().optional(),
        state: z.looseObject({ disk_state: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

const storagePoolSchema = z.looseObject({
  storage_pool_name: z.string().min(1),
  node_name: z.string().min(1),
  provider_kind: z.string().optional(),
  free_capacity: z.number().optional(),
  total_capacity: z.number().optional(),
});

function parseList<T>(schema: z.ZodType<T>, raw: unknown, endpoint: LinstorEndpoint): T[] {
  const parsed = z.array(schema).safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `${endpoint}: not a LINSTOR answer (${issue?.path.join(".") || "top level"}: ${issue?.message ?? "invalid"})`,
  );
}

export function mapNodes(raw: unknown): LinstorNode[] {
  return parseList(nodeSchema, raw, "/v1/nodes").map((n) => ({
    name: n.name,
    type: n.type ?? null,
    connectionStatus: n.connection_status ?? null,
  }));
}

/**
 * A tiebreaker is a diskless resource LINSTOR adds for DRBD quorum; its flags say so. Other
 * diskless resources are clients that reach a replica over the network.
 */
function placementOf(flags: readonly string[], providers: readonly string[]): LinstorPlacement {
  if (flags.includes("TIE_BREAKER")) return "tiebreaker";
  if (flags.includes("DISKLESS") || flags.includes("DRBD_DISKLESS")) return "diskless";
  if (providers.length > 0 && providers.every((p) => p === "DISKLESS")) return "diskless";
  return "diskful";
}

export function mapResources(raw: unknown): LinstorResource[] {
  return parseList(resourceSchema, raw, "/v1/view/resources").map((r) => {
    const volumes = [...(r.volumes ?? [])].sort(
      (a, b) => (a.volume_number ?? 0) - (b.volume_number ?? 0),
    );
    const connections = Object.entries(r.layer_object?.drbd?.connections ?? {})
      .map(([peer, c]) => ({
        peer,
        connected: c.connected ?? null,
        message: c.message ?? null,
      }))
      .sort((a, b) => (a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : 0));
    return {
      name: r.name,
      node: r.node_name,
      placement: placementOf(
        r.flags ?? [],
        volumes.flatMap((v) => (v.provider_kind ? [v.provider_kind] : [])),
      ),
      inUse: r.state?.in_use ?? null,
      diskStates: volumes.map((v) => v.state?.disk_state ?? null),
      storagePool: volumes.find((v) => v.storage_pool_name)?.storage_pool_name ?? null,
      connections,
    };
  });
}

export function mapStoragePools(raw: unknown): LinstorStoragePool[] {
  return parseList(storagePoolSchema, raw, "/v1/view/storage-pools").map((p) => ({
    name: p.storage_pool_name,
    node: p.node_name,
    providerKind: p.provider_kind ?? null,
    freeKib: p.free_capacity ?? null,
    totalKib: p.total_capacity ?? null,
  }));
}

export type LinstorEndpointResult = EndpointResult;

export type AssembledLinstor =
  { ok: true; view: LinstorView } | { ok: false; failure: SourceFailure };

/**
 * The controller's answers as one view. Without a usable /v1/nodes the controller counts as not
 * answering; a failing resource or pool listing leaves that part null and says why.
 */
export function assembleLinstorView(
  controller: string,
  results: Partial<Record<LinstorEndpoint, LinstorEndpointResult>>,
  nowIso: string,
): AssembledLinstor {
  const endpointErrors: Record<string, SourceFailure> = {};
  const take = endpointReader(
    results,
    endpointErrors,
    nowIso,
    (_endpoint, err) => `${controller}: ${err.message}`,
  );
  const nodes = take("/v1/nodes", mapNodes);
  if (nodes === null) {
    return {
      ok: false,
      failure: endpointErrors["/v1/nodes"] ?? {
        kind: "not-configured",
        message: `${controller}: no /v1/nodes answer`,
        at: nowIso,
      },
    };
  }
  return {
    ok: true,
    view: {
      controller,
      nodes,
      resources: take("/v1/view/resources", mapResources),
      storagePools: take("/v1/view/storage-pools", mapStoragePools),
      endpointErrors,
    },
  };
}
