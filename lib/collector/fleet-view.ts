import "server-only";
import { toFleetModel, type FleetModel } from "@/lib/surfaces/fleet";
import type { ClusterCollector } from "./cluster-collector";
import { getRegistry } from "./registry";

/** Every collector's latest view as the fleet model; reads only, never calls upstream. */
export function fleetOf(collectors: Iterable<ClusterCollector>): FleetModel {
  return toFleetModel(
    [...collectors].map((c) => ({
      clusterId: c.config.id,
      name: c.config.name ?? null,
      view: c.current(),
    })),
  );
}

export function fleetResponse(): FleetModel {
  return fleetOf(getRegistry().collectors.values());
}
