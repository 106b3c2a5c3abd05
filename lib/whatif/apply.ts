import { listNames } from "@/lib/health/views";
import { linkPairs, linksView, pairKey } from "@/lib/health/views-corosync-links";
import type { CorosyncConf } from "@/lib/parsers/corosync-conf";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import type { ModelMember, ModelPartition, VoteModel } from "./model";

/** A partition after the failures: the members left of one partition, or one side of its split. */
export interface AfterPartition {
  from: ModelPartition;
  members: ModelMember[];
}

export type Split = { ok: true; partitions: AfterPartition[] } | { ok: false; because: string[] };

const RING_ADDR = /^ring(\d{1,2})_addr$/;

/** Link numbers each node has an address on, from corosync.conf's ringN_addr entries. */
export function configuredLinks(conf: CorosyncConf | null): Map<string, Set<number>> {
  const byNode = new Map<string, Set<number>>();
  const nodelist = conf?.sections.find((s) => s.name === "nodelist");
  for (const node of nodelist?.sections ?? []) {
    const name = node.entries.name;
    if (name === undefined) continue;
    const links = new Set<number>();
    for (const key of Object.keys(node.entries)) {
      const m = RING_ADDR.exec(key);
      if (m) links.add(Number(m[1]));
    }
    byNode.set(name, links);
  }
  return byNode;
}

/** ringN_addr of every node for one link. */
export function linkAddresses(conf: CorosyncConf | null, linkId: number): string[] {
  const nodelist = conf?.sections.find((s) => s.name === "nodelist");
  return (nodelist?.sections ?? []).flatMap((node) => node.entries[`ring${linkId}_addr`] ?? []);
}

/**
 * Removes failed nodes from every partition, then, for a failed link, splits each partition into
 * the groups that still reach each other over another connected link. A group in which some
 * members reach each other only through a third node has no predictable membership: unknown.
 */
export function splitPartitions(
  snapshot: ClusterSnapshot,
  model: VoteModel,
  failedNodes: ReadonlySet<string>,
  failedLinks: ReadonlySet<number>,
): Split {
  const left = model.partitions.map((from) => ({
    from,
    members: from.members.filter((m) => !failedNodes.has(m.name)),
  }));
  if (failedLinks.size === 0) return { ok: true, partitions: left };

  const confLinks = configuredLinks(model.conf);
  const pairs = new Map(
    linkPairs(linksView(snapshot).observations, (o) =>
      o.connected === true ? "good" : o.connected === false ? "bad" : "unknown",
    ).map((p) => [pairKey(p.linkId, p.a, p.b), p.state]),
  );
  const linksOf = (name: string): Set<number> => {
    const known = confLinks.get(name);
    if (known) return known;
    const seen = new Set<number>();
    for (const key of pairs.keys()) {
      const [link, a, b] = key.split("|");
      if (a === name || b === name) seen.add(Number(link));
    }
    return seen;
  };
  const because: string[] = [];
  const reach = (a: string, b: string): boolean | null => {
    const shared = [...linksOf(a)].filter((l) => linksOf(b).has(l) && !failedLinks.has(l));
    const states = shared.map((l) => pairs.get(pairKey(l, a, b)) ?? "unknown");
    if (states.includes("good")) return true;
    if (states.every((s) => s === "bad")) return false;
    return null;
  };

  const partitions: AfterPartition[] = [];
  for (const part of left) {
    const names = part.members.map((m) => m.name);
    const edges = new Map(names.map((n) => [n, new Set<string>()]));
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const [a, b] = [names[i]!, names[j]!];
        const r = reach(a, b);
        if (r === null) {
          because.push(
            `Whether ${a} and ${b} still reach each other over another corosync link is not known: no fresh report gives that link's state.`,
          );
        } else if (r) {
          edges.get(a)!.add(b);
          edges.get(b)!.add(a);
        }
      }
    }
    const seen = new Set<string>();
    for (const start of names) {
      if (seen.has(start)) continue;
      const group: string[] = [];
      const queue = [start];
      seen.add(start);
      while (queue.length > 0) {
        const n = queue.shift()!;
        group.push(n);
        for (const m of edges.get(n) ?? []) {
          if (!seen.has(m)) {
            seen.add(m);
            queue.push(m);
          }
        }
      }
      const incomplete = group.filter((n) => group.some((m) => m !== n && !edges.get(n)!.has(m)));
      if (incomplete.length > 0) {
        because.push(
          `${listNames(incomplete)} would reach some members only through others: corosync's membership then depends on timing.`,
        );
      }
      partitions.push({
        from: part.from,
        members: part.members.filter((m) => group.includes(m.name)),
      });
    }
  }
  return because.length > 0 ? { ok: false, because } : { ok: true, partitions };
}
