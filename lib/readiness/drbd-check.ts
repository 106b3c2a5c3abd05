import { listNames } from "@/lib/health/views";
import {
  drbdResources,
  holdsUpToDateCopy,
  peerHoldsUpToDateCopy,
  peerIdentity,
  type DrbdResourceView,
} from "@/lib/health/views-drbd";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import type { ReadinessCheck } from "./types";

/** Other nodes holding an UpToDate copy: as this node's connections see them, and as they report themselves. */
function otherUpToDate(
  snapshot: ClusterSnapshot,
  view: DrbdResourceView,
  node: NodeSnapshot,
): string[] {
  const names = new Set<string>();
  for (const holder of view.holders) {
    if (holder.node === node) {
      for (const c of holder.resource.connections) {
        const peer = peerIdentity(view, holder, c, snapshot.nodes);
        if (peer !== null && peerHoldsUpToDateCopy(c)) names.add(peer);
      }
    } else if (holdsUpToDateCopy(holder.resource)) {
      names.add(holder.node.name);
    }
  }
  return [...names].sort();
}

type Verdict = "primary" | "only-copy" | "one-copy-left" | "ok";

function judge(snapshot: ClusterSnapshot, view: DrbdResourceView, node: NodeSnapshot): Verdict {
  const own = view.holders.find((h) => h.node === node)!.resource;
  if (own.role === "Primary") return "primary";
  if (!holdsUpToDateCopy(own)) return "ok";
  const others = otherUpToDate(snapshot, view, node).length;
  return others === 0 ? "only-copy" : others === 1 ? "one-copy-left" : "ok";
}

/** "r0", "r0 and r1", "r0, r1, r2 and 11 more": a long list stays one line. */
function resources(names: readonly string[]): string {
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return `${names.length === 1 ? "resource" : "resources"} ${listNames(shown)}`;
}

/** DRBD resources whose Primary or only UpToDate copy is on this node. */
export function drbdCheck(snapshot: ClusterSnapshot, node: NodeSnapshot): ReadinessCheck {
  if (!node.agent.fresh || !node.agent.data) {
    return { id: "drbd", level: "unknown", text: `DRBD state on ${node.name} is not known.` };
  }
  const section = node.agent.data.sections.drbd;
  if (section.status === "absent") {
    if (section.reason === "not-installed") {
      return { id: "drbd", level: "ok", text: `${node.name} holds no DRBD resource.` };
    }
    return {
      id: "drbd",
      level: "unknown",
      text: `DRBD state on ${node.name} could not be read (${section.source}: ${section.reason}).`,
    };
  }
  const held = drbdResources(snapshot).filter((v) => v.holders.some((h) => h.node === node));
  const by = (verdict: Verdict) =>
    held.filter((view) => judge(snapshot, view, node) === verdict).map((view) => view.name);
  const primary = by("primary");
  const onlyCopy = by("only-copy");
  const oneLeft = by("one-copy-left");
  const blocking = [
    primary.length > 0
      ? `${node.name} is Primary for DRBD ${resources(primary)}: migrate or stop the guests using ${primary.length === 1 ? "it" : "them"} first, so that ${node.name} becomes Secondary.`
      : "",
    onlyCopy.length > 0
      ? `${node.name} holds the only UpToDate copy of DRBD ${resources(onlyCopy)}: the data is unavailable while ${node.name} reboots; let a peer finish its resync first.`
      : "",
  ].filter((text) => text !== "");
  if (blocking.length > 0) return { id: "drbd", level: "no", text: blocking.join(" ") };
  if (oneLeft.length > 0) {
    return {
      id: "drbd",
      level: "warning",
      text: `DRBD ${resources(oneLeft)} ${oneLeft.length === 1 ? "keeps" : "keep"} a single UpToDate copy while ${node.name} reboots: no redundancy until it is back and resynced.`,
    };
  }
  const names = held.map((v) => v.name);
  const text =
    names.length === 0
      ? `${node.name} holds no DRBD resource.`
      : `DRBD ${resources(names)}: ${node.name} is not Primary and holds no only UpToDate copy.`;
  return { id: "drbd", level: "ok", text };
}
