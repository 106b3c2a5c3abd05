import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import { activeServices, haView, nonQuorateNodes } from "../views-ha";

export const haQuorumLostFencingRisk: Rule = (snapshot) => {
  const ha = haView(snapshot);
  if (!ha) return [];
  return nonQuorateNodes(snapshot).flatMap(({ node, evidence }): Finding[] => {
    const view = ha.nodes.find((n) => n.node === node);
    const at = activeServices(ha.services.filter((s) => s.node === node));
    if (at.length === 0) return [];
    const guests = at.map((s) => `${s.sid} (${s.state})`);
    const lrm =
      view?.lrmState === "active"
        ? ` Its LRM is active, so it holds the HA agent lock and the watchdog is armed.`
        : view?.lrmStatus
          ? ` Its LRM was last seen as "${view.lrmStatus}".`
          : "";
    return [
      {
        rule: "ha.quorum-lost-fencing-risk",
        severity: "critical",
        subject: `node:${node}`,
        title: `${node} will fence itself in about 60 s: it has lost quorum with ${plural(at.length, "HA guest")} on it`,
        detail:
          `${evidence.join(". ")}. It runs ${plural(at.length, "HA-managed guest")}: ${listNames(guests)}.${lrm} ` +
          "A node with active HA services that stays without quorum resets itself when its watchdog expires, about 60 s after quorum was lost (self-fencing); the HA manager on the quorate nodes then recovers these guests there.",
        remedy:
          `Bring ${node}'s corosync links back within the minute (\`corosync-cfgtool -s\` and \`journalctl -u corosync -b\` on ${node}); once it is quorate again the watchdog is no longer at risk. ` +
          `Do not run \`pvecm expected 1\` on ${node} to stop the reset: the guests may already be recovered elsewhere and would run twice. ` +
          "If it cannot rejoin, let it fence; its guests restart on the quorate side once the fence is confirmed.",
      },
    ];
  });
};
