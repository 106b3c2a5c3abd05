import type { Finding, Rule } from "../types";

/** Satellite states the controller prints for a satellite it can use. */
const HEALTHY = new Set(["ONLINE", "CONNECTED"]);

export const linstorNodeOffline: Rule = (snapshot) => {
  const { linstor } = snapshot;
  if (!linstor?.fresh || !linstor.data) return [];
  const { controller, nodes } = linstor.data;
  return nodes
    .filter((n) => n.connectionStatus !== null && !HEALTHY.has(n.connectionStatus.toUpperCase()))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((n): Finding => ({
      rule: "linstor.node-offline",
      severity: "warning",
      subject: `linstor:${n.name}`,
      title: `LINSTOR satellite ${n.name} is ${n.connectionStatus}`,
      detail: `The LINSTOR controller ${controller} reports ${n.type ? `${n.type.toLowerCase()} ` : ""}node ${n.name} as ${n.connectionStatus}: LINSTOR cannot create, resize or delete resources there until it is back.`,
      remedy: `On ${n.name}: \`systemctl status linstor-satellite\`; check that the controller reaches it on port 3366 (3367 with SSL), then \`linstor node list\`.`,
    }));
};
