import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import { linksView } from "../views-corosync-links";
import { configuredNodes } from "../views-quorum";

export const corosyncSingleLink: Rule = (snapshot) => {
  const view = linksView(snapshot);
  if (view.observers.length === 0 || view.linkIds.length !== 1) return [];
  const nodeCount = configuredNodes(snapshot)?.length ?? snapshot.nodes.length;
  if (nodeCount < 2) return [];
  const linkId = view.linkIds[0]!;
  const addresses = snapshot.nodes.flatMap((node) => {
    const cfgtool = sectionData(node, "links")?.cfgtool;
    const address = cfgtool?.links.find((l) => l.linkId === linkId)?.address;
    return address ? [`${node.name} ${address}`] : [];
  });
  const rings = snapshot.nodes.some(
    (node) => sectionData(node, "links")?.cfgtool?.format === "rings",
  );
  const what = rings ? `ring ${linkId}` : `link ${linkId}`;
  return [
    {
      rule: "corosync.single-link",
      severity: "info",
      subject: "cluster",
      title: "Corosync runs over a single network link",
      detail:
        `${listNames(view.observers)} ${view.observers.length === 1 ? "reports" : "report"} only corosync ${what}` +
        (addresses.length > 0 ? ` (${addresses.join(", ")})` : "") +
        ". One switch, cable or NIC failure on that network splits the cluster, and the nodes that end up in a minority lose quorum.",
      remedy:
        "Add a second corosync link on a separate network (its own NICs and switch): in /etc/pve/corosync.conf give every node a `ring1_addr`, add an `interface { linknumber: 1 }` block to `totem` and raise `config_version`; " +
        "corosync reloads the file and knet then fails over between the links by itself (Proxmox VE admin guide, cluster manager: adding redundant links to an existing cluster).",
    } satisfies Finding,
  ];
};
