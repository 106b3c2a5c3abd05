import type { NodeSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import type { DrbdResourceView } from "../views-drbd";
import { drbdResources, holderOf, peerIdentity, peerLabel } from "../views-drbd";

const KNOWN_ROLES = new Set(["Primary", "Secondary"]);

/**
 * Every node with the resource is accounted for: it reported its own role freshly, or a fresh
 * holder sees its role over a live link. Otherwise the Primary may be the node we cannot see.
 */
function everyRoleKnown(view: DrbdResourceView, nodes: readonly NodeSnapshot[]): boolean {
  return view.holders.every(
    (holder) =>
      KNOWN_ROLES.has(holder.resource.role) &&
      holder.resource.connections.every(
        (c) =>
          holderOf(view, peerIdentity(view, holder, c, nodes)) !== undefined ||
          (c.connectionState === "Connected" && c.peerRole !== null && KNOWN_ROLES.has(c.peerRole)),
      ),
  );
}

export const drbdNoPrimary: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    const anyPrimary = view.holders.some(
      ({ resource }) =>
        resource.role === "Primary" || resource.connections.some((c) => c.peerRole === "Primary"),
    );
    if (anyPrimary || !everyRoleKnown(view, snapshot.nodes)) return [];
    const name = view.name;
    const secondaries = new Set(view.holders.map((h) => h.node.name));
    for (const holder of view.holders) {
      for (const connection of holder.resource.connections) {
        secondaries.add(peerLabel(peerIdentity(view, holder, connection, snapshot.nodes), holder));
      }
    }
    const names = [...secondaries];
    return [
      {
        rule: "drbd.no-primary",
        severity: "info",
        subject: `drbd:${name}`,
        title: `DRBD resource ${name} is not in use on any node`,
        detail: `${listNames(names)} ${names.length === 1 ? "is" : names.length === 2 ? "are both" : "are all"} Secondary: no guest or service has ${name} open right now.`,
        remedy: `Nothing to do if the guest or service using ${name} is meant to be stopped. Otherwise start it (DRBD 9 promotes on open), or run \`drbdadm primary ${name}\` on the node that should run it.`,
      },
    ];
  });
