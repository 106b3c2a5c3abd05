import { networkMatcher } from "@/lib/net/networks";
import { agentUrl } from "./poll";

export type AgentTarget = { ok: true; url: string } | { ok: false; reason: string };

/** The part of a URL template between `://` and the path: where a placeholder picks the host. */
function hostPart(template: string): string {
  const rest = template.slice(template.indexOf("://") + 3);
  const end = rest.search(/[/?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/**
 * Where a node's agent is asked (and so where the agent token goes). The host must come from the
 * configuration: an explicit agentUrl, a configured node's ip or name, or a template whose host
 * has no placeholder. An address only the cluster reported (the Proxmox API, corosync.conf from
 * an agent) is used only inside `agentNetworks`.
 */
export function agentTarget(input: {
  template: string;
  node: { name: string; ip: string | null; nodeId: number | null };
  configured: { name: string; ip: string | null; agentUrl?: string } | undefined;
  agentNetworks: readonly string[];
}): AgentTarget {
  const { template, node, configured } = input;
  if (configured?.agentUrl) return { ok: true, url: configured.agentUrl };
  const host = hostPart(template);
  let ip = node.ip;
  if (host.includes("{ip}")) {
    if (configured?.ip) ip = configured.ip;
    else if (ip === null) return { ok: false, reason: `no address known for ${node.name}'s agent` };
    else if (!networkMatcher(input.agentNetworks)(ip))
      return {
        ok: false,
        reason:
          `${node.name}'s address ${ip} comes from the cluster and is outside agentNetworks` +
          `${input.agentNetworks.length ? ` (${input.agentNetworks.join(", ")})` : " (none set)"}; ` +
          "add the node's ip to nodes[] or its network to agentNetworks",
      };
  }
  if (host.includes("{name}") && !configured)
    return {
      ok: false,
      reason: `${node.name} is not in nodes[]; a node name the cluster reports is not used as the agent's host`,
    };
  const url = agentUrl(template, { ...node, ip });
  return url === null
    ? { ok: false, reason: `no address known for ${node.name}'s agent` }
    : { ok: true, url };
}
