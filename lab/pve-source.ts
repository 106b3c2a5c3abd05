import type { PveDataSource } from "@/demo/pve-sim";
import { parseCorosyncQdeviceTool } from "@/lib/parsers/corosync-qdevice-tool";
import { parseCorosyncQuorumtool } from "@/lib/parsers/corosync-quorumtool";
import type { Lab } from "./lab";

// Shared by the endpoints of one API poll; pmxcfs itself answers from corosync live, so the cache
// stays short enough not to hold a membership change back from an immediate second poll.
const CACHE_MS = 50;

/**
 * The Proxmox API as one node's pmxcfs would answer it: quorate and each node's `online` come from
 * that node's own corosync view, so a node cut off from the others reports itself alone.
 */
export function labPveSource(lab: Lab, speaksFor: string, clusterName: string): PveDataSource {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  const cached = (key: string, load: () => Promise<unknown>): Promise<unknown> => {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    const value = load();
    cache.set(key, { at: Date.now(), value });
    return value;
  };

  const membership = () =>
    cached("quorum", async () => {
      const parsed = parseCorosyncQuorumtool(await lab.quorumtool(speaksFor));
      if (!parsed.ok) return { quorate: false, members: new Set<number>() };
      return {
        quorate: parsed.value.quorate === true,
        members: new Set(parsed.value.members.map((m) => m.nodeId)),
      };
    }) as Promise<{ quorate: boolean; members: Set<number> }>;

  return {
    fault: () => null,
    async read(apiPath) {
      switch (apiPath) {
        case "/cluster/status": {
          const { quorate, members } = await membership();
          return [
            {
              type: "cluster",
              id: "cluster",
              name: clusterName,
              nodes: lab.nodes.length,
              quorate: quorate ? 1 : 0,
              version: 2,
            },
            ...lab.nodes.map((n) => ({
              type: "node",
              id: `node/${n.name}`,
              name: n.name,
              nodeid: n.nodeId,
              ip: n.ip,
              local: n.name === speaksFor ? 1 : 0,
              online: n.name === speaksFor || members.has(n.nodeId) ? 1 : 0,
              level: "",
            })),
          ];
        }
        case "/cluster/config/nodes":
          return lab.nodes.map((n) => ({
            node: n.name,
            name: n.name,
            nodeid: String(n.nodeId),
            quorum_votes: "1",
            ring0_addr: n.ip,
          }));
        case "/nodes": {
          const { members } = await membership();
          return lab.nodes.map((n) => ({
            node: n.name,
            type: "node",
            id: `node/${n.name}`,
            status: n.name === speaksFor || members.has(n.nodeId) ? "online" : "offline",
          }));
        }
        case "/cluster/config/qdevice":
          return cached("qdevice", async () => {
            const result = await lab.exec(speaksFor, "corosync-qdevice-tool", ["-sv"], {
              timeoutMs: 2_000,
            });
            const parsed = parseCorosyncQdeviceTool(result.stdout);
            // pvecm reports {} when the local qdevice daemon does not answer, configured or not.
            if (!parsed.ok || result.code !== 0) return {};
            const q = parsed.value;
            return {
              Model: q.model ?? "Net",
              State: q.state ?? "",
              Algorithm: q.algorithm ?? "",
              "Tie-breaker": q.tieBreaker ?? "",
              "QNetd host": q.qnetdHost ?? "",
            };
          });
        default:
          return undefined;
      }
    },
  };
}
