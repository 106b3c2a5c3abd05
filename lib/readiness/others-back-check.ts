import { formatAge } from "@/lib/format";
import { listNames } from "@/lib/health/views";
import { freshStorage } from "@/lib/health/views-storage";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import type { CheckLevel, ReadinessCheck } from "./types";

interface NodeState {
  level: CheckLevel;
  text: string;
}

function uptimeSeconds(snapshot: ClusterSnapshot, node: NodeSnapshot): number | null {
  const entry = snapshot.api.data?.nodes?.find((n) => n.name === node.name);
  if (!entry || entry.uptimeSeconds === null) return null;
  // The API reported the uptime when it answered; the node has been up that much longer since.
  return entry.uptimeSeconds + (snapshot.api.ageMs ?? 0) / 1000;
}

/** Whether a node is back and healthy: online, up for a while, quorate, its agent answering, its storage active. */
function backState(
  snapshot: ClusterSnapshot,
  node: NodeSnapshot,
  settleSeconds: number,
): NodeState {
  if (!snapshot.api.fresh || node.apiOnline === null) {
    return { level: "unknown", text: `whether ${node.name} is online is not known` };
  }
  if (!node.apiOnline) return { level: "no", text: `${node.name} is offline` };
  const uptime = uptimeSeconds(snapshot, node);
  if (uptime === null) {
    return { level: "unknown", text: `${node.name}'s uptime is not known` };
  }
  if (uptime < settleSeconds) {
    return {
      level: "no",
      text: `${node.name} is still coming back (up ${formatAge(uptime * 1000)}; a node counts as back after ${formatAge(settleSeconds * 1000)})`,
    };
  }
  const report = node.agent.fresh ? node.agent.data : null;
  if (snapshot.agentsExpected !== false && !report) {
    return { level: "unknown", text: `${node.name}'s agent gives no fresh report` };
  }
  const corosync = report?.sections.corosync;
  if (corosync?.status === "ok" && corosync.data.quorate === false) {
    return { level: "no", text: `${node.name} is not quorate` };
  }
  const storage = freshStorage(node);
  if (storage === null) {
    return { level: "unknown", text: `${node.name}'s storage state is not known` };
  }
  const inactive = storage.filter((s) => s.enabled !== false && s.active === false);
  if (inactive.length > 0) {
    return {
      level: "no",
      text: `${node.name}'s storage ${listNames(inactive.map((s) => s.storage))} ${inactive.length === 1 ? "is" : "are"} not active`,
    };
  }
  return { level: "ok", text: "" };
}

/**
 * Every other node must be back and healthy before this one goes: the previous node of a rolling
 * upgrade is not done when it answers ping, only when it is quorate with its storage active.
 */
export function othersBackCheck(
  snapshot: ClusterSnapshot,
  node: NodeSnapshot,
  settleSeconds: number,
): ReadinessCheck {
  const states = snapshot.nodes
    .filter((other) => other !== node)
    .map((other) => backState(snapshot, other, settleSeconds));
  const blocking = states.filter((s) => s.level === "no");
  const unknown = states.filter((s) => s.level === "unknown");
  if (blocking.length > 0) {
    return {
      id: "others-back",
      level: "no",
      text: `Wait before rebooting ${node.name}: ${blocking.map((s) => s.text).join("; ")}.`,
    };
  }
  if (unknown.length > 0) {
    return {
      id: "others-back",
      level: "unknown",
      text: `Whether every other node is back is not known: ${unknown.map((s) => s.text).join("; ")}.`,
    };
  }
  return {
    id: "others-back",
    level: "ok",
    text:
      states.length === 0
        ? `${node.name} is the only node.`
        : `Every other node is online, up for more than ${formatAge(settleSeconds * 1000)}, quorate and has its storage active.`,
  };
}
