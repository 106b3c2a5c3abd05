import type { Finding, Rule } from "../types";
import { drbdResources, formatDone, peerIdentity, peerLabel } from "../views-drbd";

const SOURCE = new Set(["SyncSource", "PausedSyncS"]);
const TARGET = new Set(["SyncTarget", "PausedSyncT"]);

interface Sync {
  source: string;
  target: string;
  volume: number | null;
  paused: boolean;
  donePercent: number | null;
}

export const drbdResync: Rule = (snapshot) =>
  drbdResources(snapshot).flatMap((view): Finding[] => {
    // Both ends report the same resync (one SyncSource, one SyncTarget): keep one, with a percentage if either has it.
    const syncs = new Map<string, Sync>();
    for (const holder of view.holders) {
      for (const connection of holder.resource.connections) {
        const peer = peerLabel(peerIdentity(view, holder, connection, snapshot.nodes), holder);
        for (const pd of connection.peerDevices) {
          const state = pd.replicationState ?? "";
          if (!SOURCE.has(state) && !TARGET.has(state)) continue;
          const isSource = SOURCE.has(state);
          const local = holder.resource.devices.find((d) => d.volume === pd.volume);
          const sync: Sync = {
            source: isSource ? holder.node.name : peer,
            target: isSource ? peer : holder.node.name,
            volume: pd.volume,
            paused: state.startsWith("Paused"),
            donePercent: pd.donePercent ?? (isSource ? null : (local?.donePercent ?? null)),
          };
          const key = `${sync.source}\u0000${sync.target}\u0000${sync.volume ?? 0}`;
          const known = syncs.get(key);
          if (!known || (known.donePercent === null && sync.donePercent !== null))
            syncs.set(key, sync);
        }
      }
    }
    if (syncs.size === 0) return [];
    const name = view.name;
    const all = [...syncs.values()];
    const volumes = new Set(all.map((s) => s.volume ?? 0)).size;
    const percents = all.map((s) => s.donePercent).filter((p): p is number => p !== null);
    const lowest = percents.length > 0 ? Math.min(...percents) : null;
    const lines = all.map(
      (s) =>
        `${s.target} ${s.paused ? "waits to sync" : "syncs"} from ${s.source}${volumes > 1 ? ` (volume ${s.volume ?? 0})` : ""}: ${formatDone(s.donePercent)}`,
    );
    return [
      {
        rule: "drbd.resync",
        severity: "info",
        subject: `drbd:${name}`,
        title: `DRBD resource ${name} is resynchronising${lowest === null ? "" : ` (${lowest.toFixed(1)} % done)`}`,
        detail: `${lines.join("; ")}. Until it finishes, the target is not an UpToDate copy and cannot take over on its own.`,
        remedy: `Nothing to do but wait; follow it with \`drbdadm status ${name}\`. A resync that stays paused is waiting for another resync (resync-after) or was paused by hand (\`drbdadm resume-sync ${name}\`).`,
      },
    ];
  });
