import type { Finding, Rule } from "../types";
import { plural } from "../views";
import { drbdResources, linkKey, peerIdentity, peerLabel, splitBrainLinks } from "../views-drbd";

export const drbdPeerDisconnected: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    // A link in split brain is reported (with its recovery) by drbd.split-brain, from either end.
    const splitBrain = splitBrainLinks(view, snapshot.nodes);
    const down: { from: string; to: string; state: string }[] = [];
    for (const holder of view.holders) {
      for (const connection of holder.resource.connections) {
        const state = connection.connectionState;
        // "Unknown" means an events2 capture never saw this connection's state: not evidence either way.
        if (state === "Connected" || state === "Unknown") continue;
        const identity = peerIdentity(view, holder, connection, snapshot.nodes);
        if (splitBrain.has(linkKey(holder, identity))) continue;
        down.push({ from: holder.node.name, to: peerLabel(identity, holder), state });
      }
    }
    if (down.length === 0) return [];
    const name = view.name;
    const first = down[0]!;
    const standAlone = down.some((d) => d.state === "StandAlone");
    return [
      {
        rule: "drbd.peer-disconnected",
        severity: "warning",
        subject: `drbd:${name}`,
        title:
          down.length === 1
            ? `DRBD resource ${name}: ${first.from} is not connected to ${first.to}`
            : `DRBD resource ${name} has ${plural(down.length, "disconnected peer link")}`,
        detail: `${down.map((d) => `${d.from} → ${d.to}: ${d.state}`).join("; ")}. Writes on this resource are not replicated over ${down.length === 1 ? "that link" : "those links"}.`,
        remedy:
          `Check that the peer is up and DRBD runs there (\`drbdadm status ${name}\`), and that the replication network and port (7789 and up, per resource) pass between the nodes.` +
          (standAlone
            ? ` A StandAlone side does not retry by itself: run \`drbdadm connect ${name}\` on it; if it drops back to StandAlone, look for "Split-Brain detected" in its kernel log.`
            : " Connecting / WFConnection sides reconnect by themselves once the peer answers."),
      },
    ];
  });
