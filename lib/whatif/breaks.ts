import { activeServices, haView } from "@/lib/health/views-ha";
import { listNames, plural } from "@/lib/health/views";
import {
  drbdResources,
  holdsUpToDateCopy,
  peerHoldsUpToDateCopy,
  peerIdentity,
} from "@/lib/health/views-drbd";
import { ocfs2Volumes } from "@/lib/health/views-storage";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import type { DecidedPartition } from "./after-snapshot";

function drbdBreaks(snapshot: ClusterSnapshot, failed: ReadonlySet<string>): string[] {
  if (failed.size === 0) return [];
  // DRBD prints `uname -n`, which may be the FQDN: matched on the short name, as sameHost does.
  const short = (name: string) => name.toLowerCase().split(".")[0]!;
  const byHost = new Map(snapshot.nodes.map((n) => [short(n.name), n.name]));
  const out: string[] = [];
  for (const view of drbdResources(snapshot)) {
    const upToDate = new Set<string>();
    const primaries = new Set<string>();
    for (const holder of view.holders) {
      if (holdsUpToDateCopy(holder.resource)) upToDate.add(holder.node.name);
      if (holder.resource.role === "Primary") primaries.add(holder.node.name);
      for (const c of holder.resource.connections) {
        const known = c.peerName === null ? undefined : byHost.get(short(c.peerName));
        // DRBD 8.4's text names its peer "peer" or not at all: with two holders it is the other one.
        const peer =
          known ??
          peerIdentity(view, holder, { ...c, peerName: null }, snapshot.nodes) ??
          c.peerName;
        if (peer === null) continue;
        if (peerHoldsUpToDateCopy(c)) upToDate.add(peer);
        if (c.connectionState === "Connected" && c.peerRole === "Primary") primaries.add(peer);
      }
    }
    const lostCopies = [...upToDate].filter((n) => failed.has(n));
    const leftCopies = [...upToDate].filter((n) => !failed.has(n));
    const lostPrimaries = [...primaries].filter((n) => failed.has(n));
    if (lostCopies.length > 0 && leftCopies.length === 0) {
      out.push(
        `DRBD ${view.name} loses its last UpToDate copy (on ${listNames(lostCopies)}): its data is unavailable until ${lostCopies.length === 1 ? "that node returns" : "one of them returns"}.`,
      );
    } else if (lostPrimaries.length > 0) {
      out.push(
        `DRBD ${view.name} loses its Primary ${listNames(lostPrimaries)}: what runs on it stops; ${leftCopies.length > 0 ? `an UpToDate copy remains on ${listNames(leftCopies)}` : "no UpToDate copy remains"}.`,
      );
    } else if (lostCopies.length > 0 && leftCopies.length === 1) {
      out.push(
        `DRBD ${view.name} is left with one UpToDate copy, on ${leftCopies[0]}: no redundancy until ${listNames(lostCopies)} returns.`,
      );
    }
  }
  return out;
}

function ocfs2Breaks(snapshot: ClusterSnapshot, failed: ReadonlySet<string>): string[] {
  return ocfs2Volumes(snapshot).flatMap((volume) => {
    const names = volume.mounts.map((m) => m.node.name);
    const lost = names.filter((n) => failed.has(n));
    const left = names.filter((n) => !failed.has(n));
    if (lost.length === 0) return [];
    if (left.length === 0)
      return [`OCFS2 ${volume.mountpoint} loses every node that mounts it (${listNames(lost)}).`];
    return [
      `OCFS2 ${volume.mountpoint} loses ${listNames(lost)}: I/O on ${listNames(left)} waits until o2cb declares ${lost.length === 1 ? "it" : "them"} dead and replays ${lost.length === 1 ? "its" : "their"} journal.`,
    ];
  });
}

function haBreaks(
  snapshot: ClusterSnapshot,
  failed: ReadonlySet<string>,
  partitions: readonly DecidedPartition[],
): string[] {
  const ha = haView(snapshot);
  if (!ha) return [];
  const quorateSide = partitions.some((p) => p.outcome.quorate);
  const out: string[] = [];
  const onFailed = activeServices(ha.services.filter((s) => s.node !== null && failed.has(s.node)));
  if (onFailed.length > 0) {
    const sids = listNames(onFailed.map((s) => s.sid));
    const from = listNames([...new Set(onFailed.map((s) => s.node!))]);
    const guests = onFailed.length === 1 ? `HA guest ${sids}` : `HA guests ${sids}`;
    out.push(
      quorateSide
        ? `${guests} on ${from} must move: HA restarts ${onFailed.length === 1 ? "it" : "them"} on the quorate nodes once ${from} is fenced (about 2 minutes).`
        : `${guests} on ${from} ${onFailed.length === 1 ? "is" : "are"} lost with quorum: no quorate node is left to recover ${onFailed.length === 1 ? "it" : "them"}.`,
    );
  }
  for (const p of partitions) {
    if (p.outcome.quorate) continue;
    for (const m of p.members) {
      const at = activeServices(ha.services.filter((s) => s.node === m.name));
      if (at.length === 0) continue;
      out.push(
        `${m.name} is left without quorum with ${plural(at.length, "HA guest")} (${listNames(at.map((s) => s.sid))}): it fences itself after about 60 s${quorateSide ? ` and HA restarts ${at.length === 1 ? "it" : "them"} on the quorate nodes` : ""}.`,
      );
    }
  }
  return out;
}

function quorumBreaks(
  partitions: readonly DecidedPartition[],
  failedLinks: ReadonlySet<number>,
): string[] {
  const out: string[] = [];
  if (failedLinks.size > 0 && partitions.length > 1) {
    out.push(
      `The cluster splits into ${partitions.map((p) => listNames(p.members.map((m) => m.name))).join(" | ")}.`,
    );
  }
  const quorate = partitions.filter((p) => p.outcome.quorate);
  if (quorate.length > 1) {
    out.push(
      `${quorate.map((p) => listNames(p.members.map((m) => m.name))).join(" and ")} all stay quorate (two_node): fencing decides which side survives.`,
    );
  }
  return out;
}

/** Short sentences on what else breaks, judged on the snapshot before the failures. */
export function whatBreaks(
  snapshot: ClusterSnapshot,
  failedNodes: ReadonlySet<string>,
  failedLinks: ReadonlySet<number>,
  partitions: readonly DecidedPartition[],
): string[] {
  return [
    ...quorumBreaks(partitions, failedLinks),
    ...drbdBreaks(snapshot, failedNodes),
    ...ocfs2Breaks(snapshot, failedNodes),
    ...haBreaks(snapshot, failedNodes, partitions),
  ];
}
