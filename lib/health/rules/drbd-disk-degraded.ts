import type { NodeSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import type { DrbdResourceView } from "../views-drbd";
import {
  drbdResources,
  formatDone,
  holderOf,
  isDiskful,
  peerIdentity,
  peerLabel,
} from "../views-drbd";

/** Peer disk states that are healthy or say nothing (DUnknown: the peer cannot be seen). */
const PEER_DISK_NOT_DEGRADED = new Set(["UpToDate", "DUnknown"]);

interface Degraded {
  who: string;
  volume: number;
  state: string;
  text: string;
}

function degradedCopies(view: DrbdResourceView, nodes: readonly NodeSnapshot[]): Degraded[] {
  const found: Degraded[] = [];
  for (const holder of view.holders) {
    const { resource, node } = holder;
    for (const device of resource.devices) {
      if (!isDiskful(device) || device.diskState === "UpToDate") continue;
      const volume = device.volume ?? 0;
      const sync = resource.connections.flatMap((c) =>
        c.peerDevices
          .filter(
            (p) =>
              (p.volume ?? 0) === volume &&
              (p.replicationState === "SyncTarget" || p.replicationState === "PausedSyncT"),
          )
          .map(
            (p) =>
              `${p.replicationState} from ${peerLabel(peerIdentity(view, holder, c, nodes), holder)}, ${formatDone(p.donePercent ?? device.donePercent)}`,
          ),
      );
      const where = resource.devices.length > 1 ? ` volume ${volume}` : "";
      found.push({
        who: node.name,
        volume,
        state: device.diskState,
        text: `${node.name}${where}: disk ${device.diskState}${sync.length > 0 ? ` (${sync.join("; ")})` : ""}`,
      });
    }
    // Peers that did not report freshly themselves, seen over a live link.
    for (const connection of resource.connections) {
      if (connection.connectionState !== "Connected") continue;
      const identity = peerIdentity(view, holder, connection, nodes);
      if (holderOf(view, identity)) continue;
      for (const peer of connection.peerDevices) {
        const state = peer.peerDiskState;
        if (state === null || PEER_DISK_NOT_DEGRADED.has(state)) continue;
        if (!isDiskful({ diskState: state, client: peer.peerClient ?? null })) continue;
        const who = peerLabel(identity, holder);
        const volume = peer.volume ?? 0;
        if (found.some((d) => d.who === who && d.volume === volume)) continue;
        found.push({ who, volume, state, text: `${who}: disk ${state} (as ${node.name} sees it)` });
      }
    }
  }
  return found;
}

function hasUpToDateCopy(view: DrbdResourceView, volume: number): boolean {
  return view.holders.some(
    ({ resource }) =>
      resource.devices.some((d) => (d.volume ?? 0) === volume && d.diskState === "UpToDate") ||
      resource.connections.some(
        (c) =>
          c.connectionState === "Connected" &&
          c.peerDevices.some((p) => (p.volume ?? 0) === volume && p.peerDiskState === "UpToDate"),
      ),
  );
}

/** Every replica is visible: each link is up or leads to a node that reported freshly itself. */
function seesEveryReplica(view: DrbdResourceView, nodes: readonly NodeSnapshot[]): boolean {
  return view.holders.every((holder) =>
    holder.resource.connections.every(
      (c) =>
        c.connectionState === "Connected" ||
        holderOf(view, peerIdentity(view, holder, c, nodes)) !== undefined,
    ),
  );
}

function remedyFor(name: string, states: Set<string>, noCopy: boolean): string {
  const steps: string[] = [];
  if (noCopy) {
    steps.push(
      `No node holds UpToDate data: do not force anything yet. Find the node with the newest data (the last Primary; \`drbdadm status ${name}\` and the kernel log on each node), bring its disk and links back (\`drbdadm attach ${name}\`, \`drbdadm connect ${name}\`) and let the others sync from it; \`drbdadm primary --force ${name}\` on that node is the last resort.`,
    );
  }
  if (states.has("Failed")) {
    steps.push(
      `A backing disk failed: check the kernel log and the disk (smartctl), then \`drbdadm detach ${name}\`, repair or replace it, and \`drbdadm attach ${name}\`.`,
    );
  }
  if (states.has("Diskless"))
    steps.push(
      `A diskful replica has lost its backing device: \`drbdadm attach ${name}\` on that node.`,
    );
  if (!noCopy && [...states].some((s) => s !== "Failed" && s !== "Diskless")) {
    steps.push(
      `An Inconsistent or Outdated replica catches up from an UpToDate peer once connected: check \`drbdadm status ${name}\`, run \`drbdadm connect ${name}\` where the link is down, and let a running resync finish.`,
    );
  }
  return steps.join(" ");
}

export const drbdDiskDegraded: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    const degraded = degradedCopies(view, snapshot.nodes);
    if (degraded.length === 0) return [];
    const name = view.name;
    const volumesWithoutCopy = [...new Set(degraded.map((d) => d.volume))].filter(
      (v) => !hasUpToDateCopy(view, v),
    );
    const complete = seesEveryReplica(view, snapshot.nodes);
    const noCopy = volumesWithoutCopy.length > 0 && complete;
    const who = [...new Set(degraded.map((d) => d.who))];
    let summary: string;
    if (noCopy) summary = "No node holds an UpToDate copy: the latest data may be lost.";
    else if (volumesWithoutCopy.length > 0)
      summary =
        "No UpToDate copy is visible, but some replicas could not be seen, so one may still exist there.";
    else summary = "An UpToDate copy still exists elsewhere.";
    return [
      {
        rule: "drbd.disk-degraded",
        severity: noCopy ? "critical" : "warning",
        subject: `drbd:${name}`,
        title: noCopy
          ? `DRBD resource ${name} has no UpToDate copy left`
          : `DRBD resource ${name} has a degraded replica on ${listNames(who)}`,
        detail: `${degraded.map((d) => d.text).join("; ")}. ${summary}`,
        remedy: remedyFor(name, new Set(degraded.map((d) => d.state)), noCopy),
      },
    ];
  });
