import { z } from "zod";
import type { ClusterSnapshot, LinstorResource } from "@/lib/snapshot/types";
import { freshness } from "./freshness";
import { connectionTone, diskStateTone, worstTone } from "./tone";

const toneSchema = z.enum(["ok", "warn", "crit", "unknown", "info"]);
const failureSchema = z.object({
  kind: z.enum([
    "tls",
    "auth",
    "permission",
    "network",
    "timeout",
    "http",
    "garbage",
    "not-configured",
  ]),
  message: z.string(),
  at: z.string(),
});

export const linstorSatelliteSchema = z.object({
  name: z.string(),
  type: z.string().nullable(),
  /** As the controller prints it (ONLINE, OFFLINE, ...); null while unknown. */
  status: z.string().nullable(),
  online: z.boolean().nullable(),
  tone: toneSchema,
});

export const linstorPlacementSchema = z.object({
  node: z.string(),
  placement: z.enum(["diskful", "diskless", "tiebreaker"]),
  /** The worst volume's disk state as the controller prints it; null when it reports none. */
  diskState: z.string().nullable(),
  inUse: z.boolean().nullable(),
  tone: toneSchema,
  /** Peers this copy is not connected to, with the controller's word (Connecting, StandAlone, ...). */
  notConnected: z.array(z.object({ peer: z.string(), state: z.string() })),
});

export const linstorResourceRowSchema = z.object({
  name: z.string(),
  placements: z.array(linstorPlacementSchema),
  diskful: z.number().int(),
});

/** LINSTOR as its controller reports it: satellites, where each resource lives, diskless clients. */
export const linstorModelSchema = z.object({
  controller: z.string().nullable(),
  freshness: z.object({
    fresh: z.boolean(),
    ageMs: z.number().nullable(),
    error: failureSchema.nullable(),
  }),
  satellites: z.array(linstorSatelliteSchema),
  satellitesOnline: z.number().int().nullable(),
  /** null when the resource view is unknown (stale, or its endpoint failed). */
  resources: z.array(linstorResourceRowSchema).nullable(),
  /** Resources a node reaches over the network without a disk of its own, as "resource on node". */
  disklessClients: z.array(z.object({ resource: z.string(), node: z.string() })).nullable(),
  /** Why the resource view is unknown while the satellites are known. */
  resourcesError: failureSchema.nullable(),
});

export type LinstorModel = z.infer<typeof linstorModelSchema>;
export type LinstorPlacementModel = z.infer<typeof linstorPlacementSchema>;

const ONLINE = new Set(["ONLINE", "CONNECTED"]);
const PLACEMENT_ORDER = { diskful: 0, diskless: 1, tiebreaker: 2 } as const;

function worstDiskState(states: readonly (string | null)[]): string | null {
  const known = states.filter((s): s is string => s !== null);
  return known.find((s) => s !== "UpToDate" && s !== "Diskless") ?? known[0] ?? null;
}

function placementModel(r: LinstorResource): LinstorPlacementModel {
  const diskState = worstDiskState(r.diskStates);
  // A diskless client or tiebreaker has no disk to be UpToDate; its own word is fine.
  const diskTone =
    diskState === null
      ? "unknown"
      : r.placement !== "diskful" && (diskState === "Diskless" || diskState === "TieBreaker")
        ? "ok"
        : diskStateTone(diskState);
  // An UpToDate disk that is StandAlone from its peers is no healthy copy.
  const tone = worstTone([
    diskTone,
    ...r.connections.map((c) => connectionTone(c.message ?? "Unknown")),
  ]);
  return {
    node: r.node,
    placement: r.placement,
    diskState,
    inUse: r.inUse,
    tone,
    notConnected: r.connections
      .filter((c) => c.connected !== true)
      .map((c) => ({ peer: c.peer, state: c.message ?? "unknown" })),
  };
}

/**
 * Null when no LINSTOR controller is asked. Stale or never-answered data keeps the last
 * satellites with unknown status and no placement, and the freshness says why.
 */
export function linstorModel(snapshot: Pick<ClusterSnapshot, "linstor">): LinstorModel | null {
  const linstor = snapshot.linstor;
  if (!linstor) return null;
  const data = linstor.data;
  const usable = linstor.fresh && data !== null;
  const satellites = (data?.nodes ?? []).map((n) => {
    const online =
      usable && n.connectionStatus !== null ? ONLINE.has(n.connectionStatus.toUpperCase()) : null;
    return {
      name: n.name,
      type: n.type,
      status: usable ? n.connectionStatus : null,
      online,
      tone: online === null ? ("unknown" as const) : online ? ("ok" as const) : ("crit" as const),
    };
  });
  const resources = usable ? data.resources : null;
  const byName = new Map<string, LinstorResource[]>();
  for (const r of resources ?? []) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const rows = [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, copies]) => ({
      name,
      placements: copies
        .map(placementModel)
        .sort(
          (a, b) =>
            PLACEMENT_ORDER[a.placement] - PLACEMENT_ORDER[b.placement] ||
            a.node.localeCompare(b.node),
        ),
      diskful: copies.filter((c) => c.placement === "diskful").length,
    }));
  return {
    controller: data?.controller ?? null,
    freshness: freshness(linstor),
    satellites,
    satellitesOnline: usable ? satellites.filter((s) => s.online === true).length : null,
    resources: resources === null ? null : rows,
    disklessClients:
      resources === null
        ? null
        : resources
            .filter((r) => r.placement === "diskless")
            .map((r) => ({ resource: r.name, node: r.node })),
    resourcesError: usable ? (data.endpointErrors["/v1/view/resources"] ?? null) : null,
  };
}
