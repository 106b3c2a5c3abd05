import { listNames } from "@/lib/health/views";
import { activeServices, haView } from "@/lib/health/views-ha";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import type { ReadinessCheck } from "./types";

/** HA guests still on the node: maintenance mode is complete only once none is left. */
export function haGuestsCheck(snapshot: ClusterSnapshot, node: NodeSnapshot): ReadinessCheck {
  if (!snapshot.api.fresh) {
    return { id: "ha-guests", level: "unknown", text: "Which HA guests run where is not known." };
  }
  const ha = haView(snapshot);
  if (!ha) return { id: "ha-guests", level: "ok", text: "The cluster has no HA guests." };
  const ha_node = ha.nodes.find((n) => n.node === node.name);
  const left = activeServices(ha.services.filter((s) => s.node === node.name));
  const sids = listNames(left.map((s) => s.sid));
  if (left.length > 0 && ha_node?.maintenance) {
    return {
      id: "ha-guests",
      level: "no",
      text: `Maintenance mode is not complete: ${sids} ${left.length === 1 ? "is" : "are"} still on ${node.name}. Wait until HA has moved ${left.length === 1 ? "it" : "them"}.`,
    };
  }
  if (left.length > 0) {
    return {
      id: "ha-guests",
      level: "no",
      text: `HA guest${left.length === 1 ? "" : "s"} ${sids} run${left.length === 1 ? "s" : ""} on ${node.name}: put it in maintenance mode first (\`ha-manager crm-command node-maintenance enable ${node.name}\`) and wait until ${left.length === 1 ? "it has" : "they have"} left.`,
    };
  }
  return {
    id: "ha-guests",
    level: "ok",
    text: ha_node?.maintenance
      ? `Maintenance mode is complete: no HA guest is left on ${node.name}.`
      : `No HA guest runs on ${node.name}.`,
  };
}
