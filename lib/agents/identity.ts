import type { AgentPoll } from "./poll";

/**
 * An answer is used only for the node it names: an agent address that now leads to another node
 * (a moved IP, a copied config, a hostile node) must not make one node look like another.
 */
export function forNode(poll: AgentPoll, expected: string, url: string): AgentPoll {
  if (!poll.ok || poll.report.node === expected) return poll;
  const named = JSON.stringify(poll.report.node.slice(0, 64));
  return {
    ok: false,
    failure: {
      kind: "garbage",
      message: `agent at ${new URL(url).host} reported node ${named}, not ${JSON.stringify(expected)}; its report is not used for ${expected}`,
      at: new Date(poll.atMs).toISOString(),
    },
  };
}
