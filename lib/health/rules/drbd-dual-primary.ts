import { formatBytes } from "@/lib/format";
import type { DrbdConnection } from "@/lib/parsers/drbd-types";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import type { DrbdHolder, DrbdResourceView } from "../views-drbd";
import { drbdResources, holderOf, peerIdentity, peerLabel, sameHost } from "../views-drbd";
import { storageDefs } from "../views-storage";

/** One Primary's link to another Primary, as that side reports it. */
interface PrimaryLink {
  from: string;
  to: string;
  state: string;
  outOfSyncKiB: number | null;
}

interface Primaries {
  count: number;
  /** Holders that report role Primary themselves. */
  own: string[];
  /** Peers only known as Primary through a Primary's view of them. */
  seen: string[];
  links: PrimaryLink[];
  /** Primary holders that name all their peers and list no connection to each other. */
  unlinked: [string, string][];
}

/** What `drbdadm status` from drbd-utils 9 prints as the name of an 8.4 kernel's only peer. */
const DRBD84_PEER_PLACEHOLDER = "peer";

/** The peer's identity, reading drbd-utils 9's placeholder name for an 8.4 peer as no name at all. */
function identityOf(
  view: DrbdResourceView,
  holder: DrbdHolder,
  connection: DrbdConnection,
  nodes: readonly NodeSnapshot[],
): string | null {
  const placeholder =
    connection.peerName === DRBD84_PEER_PLACEHOLDER &&
    !nodes.some((n) => sameHost(DRBD84_PEER_PLACEHOLDER, n.name));
  return peerIdentity(
    view,
    holder,
    placeholder ? { ...connection, peerName: null } : connection,
    nodes,
  );
}

function outOfSync(peerDevices: readonly { outOfSyncKiB?: number | null }[]): number | null {
  const known = peerDevices.flatMap((p) =>
    typeof p.outOfSyncKiB === "number" ? [p.outOfSyncKiB] : [],
  );
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

function linksTo(
  view: DrbdResourceView,
  holder: DrbdHolder,
  other: DrbdHolder,
  nodes: readonly NodeSnapshot[],
): boolean {
  return holder.resource.connections.some(
    (c) => identityOf(view, holder, c, nodes) === other.node.name,
  );
}

function namesEveryPeer(
  view: DrbdResourceView,
  holder: DrbdHolder,
  nodes: readonly NodeSnapshot[],
): boolean {
  return holder.resource.connections.every((c) => identityOf(view, holder, c, nodes) !== null);
}

function findPrimaries(view: DrbdResourceView, nodes: readonly NodeSnapshot[]): Primaries {
  const holders = view.holders.filter((h) => h.resource.role === "Primary");
  const names = new Set(holders.map((h) => h.node.name));
  const seen: string[] = [];
  const links: PrimaryLink[] = [];
  let largestSingleView = 0;
  for (const holder of holders) {
    let unnamed = 0;
    for (const connection of holder.resource.connections) {
      const identity = identityOf(view, holder, connection, nodes);
      const peer = holderOf(view, identity);
      const state = connection.connectionState;
      // A peer that reported freshly itself is judged by its own role, not by a neighbour's view.
      const peerPrimary = peer
        ? peer.resource.role === "Primary"
        : connection.peerRole === "Primary";
      // /proc/drbd names no peer: a Primary cut off from it is cut off from whichever node it pairs with.
      const cutOffFromUnnamed = identity === null && state !== "Connected" && state !== "Unknown";
      if (!peerPrimary && !cutOffFromUnnamed) continue;
      const label = peerLabel(identity, holder);
      if (!peer && peerPrimary) {
        if (identity === null) unnamed++;
        else names.add(identity);
        seen.push(`${holder.node.name} sees ${label} as Primary`);
      }
      links.push({
        from: holder.node.name,
        to: label,
        state,
        outOfSyncKiB: outOfSync(connection.peerDevices),
      });
    }
    // An unnamed peer cannot be matched across nodes, so it only proves its own pair.
    largestSingleView = Math.max(largestSingleView, 1 + unnamed);
  }
  const unlinked: [string, string][] = [];
  holders.forEach((a, i) => {
    for (const b of holders.slice(i + 1)) {
      if (!namesEveryPeer(view, a, nodes) || !namesEveryPeer(view, b, nodes)) continue;
      if (!linksTo(view, a, b, nodes) && !linksTo(view, b, a, nodes))
        unlinked.push([a.node.name, b.node.name]);
    }
  });
  return {
    count: Math.max(names.size, largestSingleView),
    own: holders.map((h) => h.node.name),
    seen,
    links,
    unlinked,
  };
}

function describeLink(link: PrimaryLink): string {
  const oos =
    link.outOfSyncKiB !== null && link.outOfSyncKiB > 0
      ? `, ${formatBytes(link.outOfSyncKiB * 1024)} out of sync`
      : "";
  return `${link.from} → ${link.to}: ${link.state}${oos}`;
}

/** The block devices behind a resource, as /dev paths, from whichever holder reports minors. */
function devicePaths(view: DrbdResourceView): string[] {
  for (const { resource } of view.holders) {
    const minors = resource.devices.flatMap((d) => (d.minor === null ? [] : [d.minor]));
    if (minors.length > 0) return minors.map((m) => `/dev/drbd${m}`);
  }
  return [];
}

/**
 * The volume group of storage.cfg's only shared LVM storage not built on an iSCSI `base`: in the
 * Proxmox VE DRBD setup that is the volume group on the DRBD device. Null when none or several.
 */
function lvmOnDrbd(snapshot: Pick<ClusterSnapshot, "api">): { vg: string; storage: string } | null {
  const candidates = (storageDefs(snapshot) ?? []).filter(
    (d) => d.type === "lvm" && d.shared && !d.disabled && !d.properties.base && d.properties.vgname,
  );
  const only = candidates.length === 1 ? candidates[0] : undefined;
  return only?.properties.vgname ? { vg: only.properties.vgname, storage: only.id } : null;
}

function recoveryRemedy(
  name: string,
  devices: string[],
  lvm: { vg: string; storage: string } | null,
): string {
  const device = devices.length > 0 ? listNames(devices) : "the DRBD device";
  const pvs = devices.length > 0 ? `\`pvs ${devices[0]}\`` : "`pvs`";
  const deactivate = lvm
    ? `\`vgchange -an ${lvm.vg}\` (${lvm.vg} is the volume group of shared LVM storage ${lvm.storage}; ${pvs} confirms it sits on ${device})`
    : `\`vgchange -an <volume group>\` for the volume group on ${device} (${pvs} names it)`;
  return (
    `Choose the victim: the node whose writes since the link went down are thrown away (every guest that ran there on this storage since then loses those changes; back up what must survive first). ` +
    `On the victim: stop its guests on this storage, then \`drbdadm disconnect ${name}\`, ${deactivate}, \`drbdadm secondary ${name}\`, \`drbdadm connect --discard-my-data ${name}\`. ` +
    `On the survivor: \`drbdadm connect ${name}\` (not needed while it shows WFConnection; it reconnects by itself). ` +
    `The victim resyncs from the survivor; once both sides show UpToDate/UpToDate (\`cat /proc/drbd\` or \`drbdadm status ${name}\`), make it Primary again with \`drbdadm primary ${name}\` and start its guests.`
  );
}

function intendedRemedy(name: string): string {
  return (
    `Nothing to do if \`allow-two-primaries\` is intended: live migration of guests between these nodes with LVM (each guest disk active on one node at a time) or a cluster file system such as OCFS2 on top. ` +
    `To check, \`drbdadm dump ${name} | grep allow-two-primaries\` on either node shows the option in the resource's net section; never mount a plain file system such as ext4 or XFS from this device on both nodes. ` +
    `If it is not intended, stop what uses the device on one node and run \`drbdadm secondary ${name}\` there, then remove the option and apply it with \`drbdadm adjust ${name}\`.`
  );
}

export const drbdDualPrimary: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    const { count, own, seen, links, unlinked } = findPrimaries(view, snapshot.nodes);
    if (count < 2) return [];
    const name = view.name;
    const reported = `${listNames(own)} ${own.length === 1 ? "reports" : "report"} role Primary`;
    const facts = [reported, ...seen];
    // "Unknown": an events2 capture never saw the link's state, which is no evidence either way.
    const down = links.filter((l) => l.state !== "Connected" && l.state !== "Unknown");
    const up = links.filter((l) => l.state === "Connected");

    if (down.length === 0 && unlinked.length === 0 && up.length > 0) {
      const writers = count === 2 ? "Both nodes" : `All ${count} nodes`;
      return [
        {
          rule: "drbd.dual-primary",
          severity: "info",
          subject: `drbd:${name}`,
          title: `DRBD resource ${name} is Primary on ${count} nodes at once, replicating between them`,
          detail:
            `${facts.join("; ")}; ${up.map(describeLink).join("; ")}. ` +
            `${writers} can write, and each write is replicated to the other ${count === 2 ? "Primary" : "Primaries"} before it completes; DRBD allows this only with \`allow-two-primaries\`. ` +
            `It is safe while the layer on top never writes the same blocks from two nodes: LVM with each guest disk active on one node at a time (the Proxmox VE live-migration setup) or a cluster file system.`,
          remedy: intendedRemedy(name),
        },
      ];
    }

    const observed = [
      ...down.map(describeLink),
      ...unlinked.map(([a, b]) => `${a} and ${b} have no DRBD connection to each other`),
    ];
    return [
      {
        rule: "drbd.dual-primary",
        severity: "critical",
        subject: `drbd:${name}`,
        title:
          count === 2
            ? `DRBD resource ${name} is Primary on 2 nodes that are not connected to each other`
            : `DRBD resource ${name} is Primary on ${count} nodes, not all of them connected to each other`,
        detail:
          `${facts.join("; ")}; ${observed.length > 0 ? observed.join("; ") : "no connection between them is visible"}. ` +
          `Each side keeps accepting writes that never reach the other, so the copies drift apart: a split brain in the making. ` +
          `Once both have written, DRBD cannot resync them by itself: one side's writes since the disconnect have to be discarded.`,
        remedy: recoveryRemedy(name, devicePaths(view), lvmOnDrbd(snapshot)),
      },
    ];
  });
