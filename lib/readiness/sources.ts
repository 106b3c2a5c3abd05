import { formatAge } from "@/lib/format";
import type { ClusterSnapshot, NodeSnapshot, SourceState } from "@/lib/snapshot/types";
import type { ReadinessCheck } from "./types";

/** Why a source gives no fresh answer: its age and its last error, or that it never answered. */
export function whyNotFresh(what: string, state: SourceState<unknown>): string {
  const age =
    state.ageMs === null || state.data === null
      ? "has not answered yet"
      : `last answered ${formatAge(state.ageMs)} ago`;
  const error = state.error ? ` (${state.error.message})` : "";
  return `${what} ${age}${error}`;
}

/** The sources every other check reads: the Proxmox API and the node's own agent. */
export function sourcesCheck(snapshot: ClusterSnapshot, node: NodeSnapshot): ReadinessCheck {
  const missing: string[] = [];
  if (!snapshot.api.fresh) missing.push(whyNotFresh("the Proxmox API", snapshot.api));
  if (snapshot.agentsExpected === false) {
    missing.push(
      `no agent is configured for ${node.name}, so its DRBD, OCFS2 and kernels are not known`,
    );
  } else if (!node.agent.fresh) {
    missing.push(whyNotFresh(`${node.name}'s agent`, node.agent));
  }
  if (missing.length === 0) {
    return { id: "sources", level: "ok", text: `The Proxmox API and ${node.name}'s agent answer.` };
  }
  return {
    id: "sources",
    level: "unknown",
    text: `Not known: ${missing.join("; ")}.`,
  };
}
