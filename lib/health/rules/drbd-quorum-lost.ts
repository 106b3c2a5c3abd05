import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import { drbdResources, peerIdentity, peerLabel } from "../views-drbd";

export const drbdQuorumLost: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    const lost = view.holders.filter(
      (h) => h.resource.quorum === false || h.resource.devices.some((d) => d.quorum === false),
    );
    if (lost.length === 0) return [];
    const name = view.name;
    const observations = lost.map((holder) => {
      const { resource, node } = holder;
      const disks = [...new Set(resource.devices.map((d) => d.diskState))].join("/") || "no volume";
      const down = resource.connections
        .filter((c) => c.connectionState !== "Connected")
        .map(
          (c) =>
            `${peerLabel(peerIdentity(view, holder, c, snapshot.nodes), holder)} ${c.connectionState}`,
        );
      const links = down.length === 0 ? "all peers connected" : `peers: ${down.join(", ")}`;
      const suspended = resource.suspendedReasons?.includes("quorum") ? ", I/O suspended" : "";
      return `${node.name} reports quorum:no (role ${resource.role}, disk ${disks}, ${links}${suspended})`;
    });
    return [
      {
        rule: "drbd.quorum-lost",
        severity: "critical",
        subject: `drbd:${name}`,
        title: `DRBD resource ${name} has lost quorum on ${plural(lost.length, "node")}`,
        detail: `${observations.join("; ")}. Without quorum DRBD refuses to become Primary and freezes or fails writes (on-no-quorum), so ${listNames(lost.map((h) => h.node.name))} cannot run anything on ${name}.`,
        remedy:
          `Bring the missing peers back rather than overriding quorum: check \`drbdadm status ${name}\` on every node, start DRBD or the satellite on nodes that are down, fix the replication network, and run \`drbdadm connect ${name}\` where a connection is StandAlone. ` +
          `Quorum returns by itself once a majority of the nodes (diskless tiebreakers count) is connected again.`,
      },
    ];
  });
