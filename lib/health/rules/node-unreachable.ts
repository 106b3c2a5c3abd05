import { formatAge } from "@/lib/format";
import type { Finding, Rule } from "../types";

const CAUSE: Record<string, string> = {
  timeout: "did not answer in time",
  network: "refused or dropped the connection",
  auth: "refused the dashboard's token",
  permission: "refused the dashboard's token",
  garbage: "answered with something that is not a Tiebreaker report",
  tls: "failed the TLS check",
  http: "answered with an HTTP error",
  "not-configured": "has no agent address configured",
};

export const nodeUnreachable: Rule = (snapshot) =>
  snapshot.nodes.flatMap((node): Finding[] => {
    const { agent } = node;
    if (!agent.error) return [];
    const last =
      agent.ageMs === null
        ? "It has not answered since the dashboard started."
        : `Its last report is ${formatAge(agent.ageMs)} old${agent.fresh ? " and still shown" : " and no longer trusted"}.`;
    const remedy =
      agent.error.kind === "auth" || agent.error.kind === "permission"
        ? `Make the dashboard's agent token match /etc/tiebreaker/agent.token on ${node.name}.`
        : `Check the agent on ${node.name}: \`systemctl status tiebreaker-agent\` and \`curl -s http://127.0.0.1:9495/healthz\`; if the node itself is down, see the node and quorum findings.`;
    return [
      {
        rule: "node.unreachable",
        severity: "unknown",
        subject: `node:${node.name}`,
        title: `${node.name}'s agent cannot be read`,
        detail: `The agent on ${node.name} ${CAUSE[agent.error.kind] ?? "failed"}: ${agent.error.message}. ${last} Its corosync, DRBD and OCFS2 state is unknown.`,
        remedy,
      },
    ];
  });
