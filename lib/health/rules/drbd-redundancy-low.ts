import type { StorageDef } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import {
  drbdResources,
  holderOf,
  holdsUpToDateCopy,
  isDiskful,
  peerHoldsUpToDateCopy,
  peerIdentity,
  peerLabel,
} from "../views-drbd";

/** Names the LINSTOR Proxmox plugin gives its resources (legacy and UUID style); others are not its to judge. */
const LINSTOR_PLUGIN_NAME = /^(?:vm-\d+-disk-\d+|pm-[0-9a-f]+(?:_\d+)?)$/i;

function linstorStorages(storages: readonly StorageDef[]): (StorageDef & { redundancy: number })[] {
  return storages.filter(
    (s): s is StorageDef & { redundancy: number } =>
      s.type === "drbd" && !s.disabled && s.redundancy !== null && s.redundancy > 0,
  );
}

function consequence(have: number, wanted: number): string {
  if (have === 0) return "No replica holds the latest data.";
  if (have === 1) return "A single node holds the latest data: losing it loses the data.";
  return `It survives ${plural(have - 1, "node failure")} instead of ${wanted - 1}.`;
}

export const drbdRedundancyLow: Rule = (snapshot) => {
  const { api } = snapshot;
  if (!api.fresh || !api.data?.storages) return [];
  const storages = linstorStorages(api.data.storages);
  if (storages.length === 0) return [];
  // A resource's storage is not visible from DRBD; with several, the lowest redundancy avoids false alarms.
  const wanted = Math.min(...storages.map((s) => s.redundancy));
  const from = storages.filter((s) => s.redundancy === wanted).map((s) => s.id);

  return drbdResources(snapshot).flatMap((view): Finding[] => {
    if (!LINSTOR_PLUGIN_NAME.test(view.name)) return [];
    const upToDate = new Set<string>();
    const lagging = new Map<string, string>();
    const unseen = new Map<string, string>();
    for (const holder of view.holders) {
      const { resource, node } = holder;
      if (holdsUpToDateCopy(resource)) upToDate.add(node.name);
      else {
        const states = resource.devices.filter(isDiskful).map((d) => d.diskState);
        if (states.length > 0) lagging.set(node.name, [...new Set(states)].join("/"));
      }
      for (const connection of resource.connections) {
        const identity = peerIdentity(view, holder, connection, snapshot.nodes);
        if (holderOf(view, identity)) continue;
        const who = peerLabel(identity, holder);
        if (peerHoldsUpToDateCopy(connection)) upToDate.add(who);
        else if (connection.connectionState !== "Connected")
          unseen.set(who, connection.connectionState);
      }
    }
    if (upToDate.size >= wanted) return [];
    for (const who of upToDate) unseen.delete(who);
    const name = view.name;
    const have = upToDate.size === 0 ? "none" : listNames([...upToDate]);
    const others = [
      ...[...lagging.entries()].map(([who, state]) => `${who} ${state}`),
      ...[...unseen.entries()].map(([who, state]) => `${who} (link ${state})`),
    ];
    return [
      {
        rule: "drbd.redundancy-low",
        severity: "warning",
        subject: `drbd:${name}`,
        title: `DRBD resource ${name} has ${plural(upToDate.size, "UpToDate replica")} of ${wanted}`,
        detail:
          `Storage ${listNames(from)} asks LINSTOR for redundancy ${wanted}; UpToDate diskful replicas: ${have}` +
          `${others.length > 0 ? `; not UpToDate: ${others.join(", ")}` : ""}. ${consequence(upToDate.size, wanted)}`,
        remedy:
          `See where LINSTOR placed it: \`linstor resource list -r ${name}\`. If a replica is syncing, wait for it; if one is missing or failed, ` +
          `add one with \`linstor resource create ${name} --auto-place ${wanted}\` (or \`linstor resource create <node> ${name}\`).`,
      },
    ];
  });
};
