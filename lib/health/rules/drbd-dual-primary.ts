import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import { drbdResources, holderOf, peerIdentity, peerLabel } from "../views-drbd";

export const drbdDualPrimary: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    const primaries = view.holders.filter((h) => h.resource.role === "Primary");
    const names = new Set(primaries.map((h) => h.node.name));
    const seen: string[] = [];
    let largestSingleView = 0;
    for (const holder of primaries) {
      let unnamed = 0;
      for (const connection of holder.resource.connections) {
        if (connection.peerRole !== "Primary") continue;
        const identity = peerIdentity(view, holder, connection, snapshot.nodes);
        // A peer that reported freshly itself is judged by its own role, not by a neighbour's view.
        if (holderOf(view, identity)) continue;
        if (identity === null) unnamed++;
        else names.add(identity);
        seen.push(`${holder.node.name} sees ${peerLabel(identity, holder)} as Primary`);
      }
      // An unnamed peer (/proc/drbd) cannot be matched across nodes, so it only proves its own pair.
      largestSingleView = Math.max(largestSingleView, 1 + unnamed);
    }
    const count = Math.max(names.size, largestSingleView);
    if (count < 2) return [];
    const name = view.name;
    const own = primaries.map((h) => h.node.name);
    const reported = `${listNames(own)} ${own.length === 1 ? "reports" : "report"} role Primary`;
    return [
      {
        rule: "drbd.dual-primary",
        severity: "critical",
        subject: `drbd:${name}`,
        title: `DRBD resource ${name} is Primary on ${count} nodes at once`,
        detail: `${[reported, ...seen].join("; ")}. Two writers on one block device without a cluster filesystem corrupt it.`,
        remedy:
          `\`allow-two-primaries\` is only for the seconds of a live migration; if none is running, stop the guest or service on the node that should not write and run \`drbdadm secondary ${name}\` there. ` +
          `Then check \`drbdadm dump ${name} | grep allow-two-primaries\` and remove the option unless live migration needs it.`,
      },
    ];
  });
