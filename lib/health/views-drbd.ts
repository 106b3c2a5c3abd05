import type { KernelEvent } from "@/lib/parsers/kernel-log";
import type { DrbdConnection, DrbdDevice, DrbdResource } from "@/lib/parsers/drbd-types";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import { sectionData } from "./views";

/** One node's own view of a DRBD resource, from its fresh report. */
export interface DrbdHolder {
  node: NodeSnapshot;
  resource: DrbdResource;
}

/** One DRBD resource as every freshly reporting node that holds it sees it. */
export interface DrbdResourceView {
  name: string;
  holders: DrbdHolder[];
}

/** Every DRBD resource in a fresh report, sorted by name; holders keep the snapshot's node order. */
export function drbdResources(snapshot: Pick<ClusterSnapshot, "nodes">): DrbdResourceView[] {
  const byName = new Map<string, DrbdHolder[]>();
  for (const node of snapshot.nodes) {
    const drbd = sectionData(node, "drbd");
    if (!drbd) continue;
    for (const resource of drbd.resources) {
      const holders = byName.get(resource.name) ?? [];
      holders.push({ node, resource });
      byName.set(resource.name, holders);
    }
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, holders]) => ({ name, holders }));
}

/** DRBD names hosts as `uname -n` prints them, which may be the FQDN of a Proxmox node name. */
export function sameHost(drbdName: string, nodeName: string): boolean {
  return shortHost(drbdName) === shortHost(nodeName);
}

function shortHost(name: string): string {
  return name.toLowerCase().split(".")[0]!;
}

// Every connection of every resource asks which node its peer is; one index per node list keeps
// that a lookup instead of a scan (a 64-node cluster with 1,000 resources asks millions of times
// across the what-if of each node).
const hostIndexes = new WeakMap<readonly NodeSnapshot[], Map<string, string>>();

/** The first node whose name is the same host as `drbdName`, as `sameHost` decides. */
export function nodeForHost(drbdName: string, nodes: readonly NodeSnapshot[]): string | undefined {
  let index = hostIndexes.get(nodes);
  if (!index) {
    index = new Map();
    for (const n of nodes) {
      const key = shortHost(n.name);
      if (!index.has(key)) index.set(key, n.name);
    }
    hostIndexes.set(nodes, index);
  }
  return index.get(shortHost(drbdName));
}

/**
 * Who is at the other end of a connection: the snapshot node the peer name matches, else the peer
 * name as DRBD prints it. /proc/drbd names no peer; with exactly two holders it is the other one.
 */
export function peerIdentity(
  view: DrbdResourceView,
  holder: DrbdHolder,
  connection: DrbdConnection,
  nodes: readonly NodeSnapshot[],
): string | null {
  if (connection.peerName !== null) {
    const peerName = connection.peerName;
    return nodeForHost(peerName, nodes) ?? peerName;
  }
  if (view.holders.length === 2) {
    return view.holders.find((h) => h !== holder)?.node.name ?? null;
  }
  return null;
}

/** A name to show for the peer, even when the source does not print one. */
export function peerLabel(identity: string | null, holder: DrbdHolder): string {
  return identity ?? `${holder.node.name}'s peer`;
}

/** The fresh holder a peer identity refers to, if that node reported the resource itself. */
export function holderOf(view: DrbdResourceView, identity: string | null): DrbdHolder | undefined {
  return identity === null ? undefined : view.holders.find((h) => h.node.name === identity);
}

/** Diskless on purpose (a DRBD 9 client, or a Diskless device that does not say it is not one). */
function isIntentionallyDiskless(device: Pick<DrbdDevice, "diskState" | "client">): boolean {
  return device.client === true || (device.diskState === "Diskless" && device.client !== false);
}

export function isDiskful(device: Pick<DrbdDevice, "diskState" | "client">): boolean {
  return !isIntentionallyDiskless(device);
}

/** A local copy that holds the latest data: diskful, and every volume UpToDate. */
export function holdsUpToDateCopy(resource: DrbdResource): boolean {
  return resource.devices.length > 0 && resource.devices.every((d) => d.diskState === "UpToDate");
}

/** A peer's copy, as seen over a live connection: every peer volume UpToDate. */
export function peerHoldsUpToDateCopy(connection: DrbdConnection): boolean {
  return (
    connection.connectionState === "Connected" &&
    connection.peerDevices.length > 0 &&
    connection.peerDevices.every((p) => p.peerDiskState === "UpToDate")
  );
}

function eventConcerns(
  event: KernelEvent,
  resource: DrbdResource,
  connection: DrbdConnection,
): boolean {
  // DRBD 8 device lines name only the minor ("block drbd1: Split-Brain detected..."); /proc/drbd resources are "minor-N".
  const sameResource =
    event.resource !== null
      ? event.resource === resource.name
      : event.device !== null &&
        resource.devices.some((d) => d.minor !== null && event.device === `drbd${d.minor}`);
  if (!sameResource) return false;
  return (
    event.peer === null || connection.peerName === null || sameHost(event.peer, connection.peerName)
  );
}

/** The kernel log line that shows this connection went down after a split brain, if any. */
export function splitBrainEvent(
  holder: DrbdHolder,
  connection: DrbdConnection,
): KernelEvent | null {
  const log = sectionData(holder.node, "kernelLog");
  if (!log) return null;
  const events = log.events.filter(
    (e) => e.kind === "split-brain" && eventConcerns(e, holder.resource, connection),
  );
  return events.find((e) => e.severity === "critical") ?? events[0] ?? null;
}

/**
 * A connection in split brain: events2 reported it, or it is StandAlone and the kernel log (or an
 * events2 split-brain helper for an unnamed peer) says why. StandAlone alone is only disconnected.
 */
export function isSplitBrain(holder: DrbdHolder, connection: DrbdConnection): boolean {
  if (connection.splitBrain === true) return true;
  if (connection.connectionState !== "StandAlone") return false;
  return holder.resource.splitBrain === true || splitBrainEvent(holder, connection) !== null;
}

/** One key for both ends of a link, so a split brain seen from one side also covers the other. */
export function linkKey(holder: DrbdHolder, identity: string | null): string {
  if (identity === null) return `${holder.node.name}\u0000?`;
  return [holder.node.name, identity].sort().join("\u0000");
}

/** The links of a resource that are in split brain, as linkKey values. */
export function splitBrainLinks(
  view: DrbdResourceView,
  nodes: readonly NodeSnapshot[],
): Set<string> {
  const links = new Set<string>();
  for (const holder of view.holders) {
    for (const connection of holder.resource.connections) {
      if (isSplitBrain(holder, connection))
        links.add(linkKey(holder, peerIdentity(view, holder, connection, nodes)));
    }
  }
  return links;
}

export function formatDone(percent: number | null | undefined): string {
  return percent === null || percent === undefined
    ? "progress not reported"
    : `${percent.toFixed(1)} % done`;
}
