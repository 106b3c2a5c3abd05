import type { Finding, Rule } from "../types";
import { listNames, plural } from "../views";
import { haView } from "../views-ha";

export const haMaintenance: Rule = (snapshot) => {
  const ha = haView(snapshot);
  if (!ha) return [];
  return ha.nodes
    .filter((n) => n.maintenance)
    .map((n): Finding => {
      const how = [
        n.crmState ? `the HA manager lists it as "${n.crmState}"` : null,
        n.lrmStatus ? `its LRM reports "${n.lrmStatus}"` : null,
      ].filter((x): x is string => x !== null);
      const seen = how.length > 0 ? ` (${how.join(", ")})` : "";
      if (n.services.length === 0) {
        return {
          rule: "ha.maintenance",
          severity: "info",
          subject: `node:${n.node}`,
          title: `${n.node} is in HA maintenance mode and its HA guests have all left`,
          detail: `${n.node} is in maintenance mode${seen} and no HA-managed guest is placed on it any more.`,
          remedy: `As far as HA goes, ${n.node} can be rebooted or upgraded now. Afterwards \`ha-manager crm-command node-maintenance disable ${n.node}\` lets the HA manager use it again.`,
        };
      }
      const moving = n.services.map((s) =>
        s.target ? `${s.sid} (${s.state} to ${s.target})` : `${s.sid} (${s.state ?? "unknown"})`,
      );
      return {
        rule: "ha.maintenance",
        severity: "info",
        subject: `node:${n.node}`,
        title: `${n.node} is in HA maintenance mode, ${plural(n.services.length, "HA guest")} still on it`,
        detail: `${n.node} is in maintenance mode${seen}, but the HA manager still places ${listNames(moving)} on it. The LRM reports maintenance as soon as it is requested, before its guests have left.`,
        remedy: `Wait until \`ha-manager status\` shows no service on ${n.node} before rebooting it. A guest that does not move usually has a local resource (local disk, passed-through device) or a failed migration: see the task log, or move it by hand with \`ha-manager migrate <sid> <node>\`.`,
      };
    });
};
