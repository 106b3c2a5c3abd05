import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { listNames } from "./views";
import { sameHost } from "./views-drbd";

/**
 * A sentence for when the controller's fresh answer calls the given nodes' copies of a resource
 * UpToDate: LINSTOR reads the disk state only, so its resource list looks healthy through a
 * split brain that the nodes' own DRBD state shows. null when it does not (or is not asked).
 */
export function linstorReportsUpToDate(
  snapshot: Pick<ClusterSnapshot, "linstor">,
  resource: string,
  nodes: readonly string[],
): string | null {
  const linstor = snapshot.linstor;
  if (!linstor?.fresh || !linstor.data?.resources) return null;
  const upToDate = linstor.data.resources
    .filter(
      (r) =>
        r.name === resource &&
        nodes.some((n) => sameHost(r.node, n)) &&
        r.diskStates.length > 0 &&
        r.diskStates.every((s) => s === "UpToDate"),
    )
    .map((r) => r.node);
  if (upToDate.length === 0) return null;
  return `The LINSTOR controller ${linstor.data.controller} still reports ${resource} as UpToDate on ${listNames(upToDate)}, so \`linstor resource list\` looks healthy: go by DRBD's own state on the nodes`;
}
