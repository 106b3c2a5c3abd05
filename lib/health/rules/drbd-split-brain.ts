import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import {
  drbdResources,
  isSplitBrain,
  peerIdentity,
  peerLabel,
  splitBrainEvent,
} from "../views-drbd";
import { linstorReportsUpToDate } from "../views-linstor";

export const drbdSplitBrain: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    const observations: string[] = [];
    const sides = new Set<string>();
    for (const holder of view.holders) {
      const { resource, node } = holder;
      // events2 can flag the resource without naming the peer; once every link is Connected again it was resolved.
      const unnamed =
        resource.splitBrain === true &&
        resource.connections.some((c) => c.connectionState !== "Connected") &&
        !resource.connections.some((c) => isSplitBrain(holder, c));
      if (unnamed) {
        observations.push(
          `${node.name} (${resource.role}) ran DRBD's split-brain handler for a peer it did not name`,
        );
        sides.add(node.name);
      }
      for (const connection of resource.connections) {
        if (!isSplitBrain(holder, connection)) continue;
        const peer = peerLabel(peerIdentity(view, holder, connection, snapshot.nodes), holder);
        const event = splitBrainEvent(holder, connection);
        const evidence = event
          ? `${node.name}'s kernel log${event.time ? ` at ${event.time}` : ""}: "${event.message}"`
          : "drbdsetup events2 reported the split-brain handler";
        observations.push(
          `${node.name} (${resource.role}) is ${connection.connectionState} towards ${peer}; ${evidence}`,
        );
        sides.add(node.name);
      }
    }
    if (observations.length === 0) return [];
    const name = view.name;
    const linstor = linstorReportsUpToDate(
      snapshot,
      name,
      view.holders.map((h) => h.node.name),
    );
    return [
      {
        rule: "drbd.split-brain",
        severity: "critical",
        subject: `drbd:${name}`,
        title: `DRBD resource ${name} is in split brain`,
        detail: `${observations.join(". ")}. Both sides wrote data the other does not have, and DRBD stopped replicating between them (seen on ${listNames([...sides])}).${linstor ? ` ${linstor}.` : ""}`,
        remedy:
          `Choose the victim, the node whose changes since the split are thrown away (usually the one whose guest did not run or wrote least). ` +
          `On the victim: \`drbdadm disconnect ${name}\`, \`drbdadm secondary ${name}\`, \`drbdadm connect --discard-my-data ${name}\`. ` +
          `On the survivor: \`drbdadm connect ${name}\` (needed if it is StandAlone too). ` +
          `When the resync has finished, check the copies with \`drbdadm verify ${name}\`.`,
      },
    ];
  });
