import type { AgentReport, LinksData } from "@/lib/agents/schema";
import { parseCorosyncCfgtool } from "@/lib/parsers/corosync-cfgtool";
import { parseCorosyncCmapctlStats } from "@/lib/parsers/corosync-cmapctl-stats";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { NodeSnapshot } from "@/lib/snapshot/types";
import { failed, node, ok, report } from "../test-helpers";

/** Link data from the lab captures in fixtures/lab, through the product's parsers. */
export function labLinks(cfgtoolFile: string | null, statsFile: string | null): LinksData {
  return {
    cfgtool: cfgtoolFile
      ? parsedValue(parseCorosyncCfgtool(readFixture(`lab/${cfgtoolFile}`)))
      : null,
    stats: statsFile
      ? parsedValue(parseCorosyncCmapctlStats(readFixture(`lab/${statsFile}`)))
      : null,
  };
}

/** The lab capture of one state as node `name` saw it: `cfgtool-s-<tag>-<name>.txt` and its stats. */
export function labView(tag: string, name: string): LinksData {
  return labLinks(`cfgtool-s-${tag}-${name}.txt`, `cmapctl-m-stats-${tag}-${name}.txt`);
}

type State = "connected" | "disconnected";

/**
 * `corosync-cfgtool -s` text as corosync 3.1 prints it (layout of the lab captures), for states the
 * lab did not capture: per link, each other node's state; the local node prints localhost.
 */
export function cfgtoolText(localId: number, links: Record<number, Record<number, State>>): string {
  const lines = [`Local node ID ${localId}, transport knet`];
  for (const [linkId, peers] of Object.entries(links)) {
    lines.push(`LINK ID ${linkId} udp`, `\taddr\t= 10.${linkId}.0.${localId}`, "\tstatus:");
    const ids = [...new Set([localId, ...Object.keys(peers).map(Number)])].sort((a, b) => a - b);
    for (const id of ids) {
      const state = id === localId ? "localhost" : peers[id]!;
      lines.push(`\t\tnodeid:          ${id}:\t${state}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export function cfgtoolLinks(
  localId: number,
  links: Record<number, Record<number, State>>,
): LinksData {
  return { cfgtool: parsedValue(parseCorosyncCfgtool(cfgtoolText(localId, links))), stats: null };
}

/** A node whose fresh report carries this links section. */
export function linksNode(name: string, links: LinksData): NodeSnapshot {
  return node(name, { report: report(name, { links: ok(links) }) });
}

/** A node whose last report carried this links section but is now stale. */
export function staleLinksNode(name: string, links: LinksData): NodeSnapshot {
  return node(name, {
    agent: failed<AgentReport>({}, report(name, { links: ok(links) }), 60_000),
  });
}
