import type { StorageDef } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import { enabledOn, freshStorage, mountTarget, storageDefs } from "../views-storage";

function typeAdvice(def: StorageDef, down: readonly string[]): string {
  const props = def.properties;
  const nodes = listNames(down);
  const s = down.length === 1 ? "s" : "";
  const target = mountTarget(def);
  switch (def.type) {
    case "dir":
      return target !== null
        ? `Mount ${target} on ${nodes} (\`mount ${target}\`, \`findmnt ${target}\`).`
        : `Check that ${def.path ?? "the storage path"} exists and holds the shared filesystem on ${nodes}.`;
    case "nfs":
    case "cifs":
      return `Check that ${nodes} reach${s ? "es" : ""} the server${props.server ? ` ${props.server}` : ""} (\`pvesm scan ${def.type} ${props.server ?? "<server>"}\`).`;
    case "lvm":
      return `Check that ${nodes} see${s} the LUN and the volume group${props.vgname ? ` ${props.vgname}` : ""} (\`iscsiadm -m session\`, \`multipath -ll\`, \`vgs\`).`;
    case "iscsi":
    case "iscsidirect":
      return `Check the iSCSI session to ${props.portal ?? "the portal"} on ${nodes} (\`iscsiadm -m session\`).`;
    case "rbd":
    case "cephfs":
      return `Check Ceph from ${nodes} (\`ceph -s\`).`;
    case "drbd":
      return `Check the LINSTOR satellite on ${nodes} (\`linstor node list\`).`;
    default:
      return "";
  }
}

export const storageInactiveOnNode: Rule = (snapshot) => {
  const defs = storageDefs(snapshot);
  if (!defs) return [];
  return defs
    .filter((def) => def.shared && !def.disabled)
    .flatMap((def): Finding[] => {
      const active: string[] = [];
      const inactive: string[] = [];
      const unlisted: string[] = [];
      const down: string[] = [];
      for (const node of snapshot.nodes) {
        if (!enabledOn(def, node.name)) continue;
        const statuses = freshStorage(node);
        if (!statuses) continue;
        const status = statuses.find((s) => s.storage === def.id);
        if (!status) unlisted.push(node.name);
        else if (status.enabled === false) continue;
        else if (status.active === false) inactive.push(node.name);
        else if (status.active === true) active.push(node.name);
        if (!status || status.active === false) down.push(node.name);
      }
      if (down.length === 0) return [];

      const names = listNames(down);
      const parts = [
        inactive.length > 0
          ? `${listNames(inactive)} ${inactive.length === 1 ? "reports" : "report"} it inactive (active 0).`
          : null,
        unlisted.length > 0
          ? `${listNames(unlisted)} ${unlisted.length === 1 ? "does" : "do"} not list it at all.`
          : null,
        active.length > 0 ? `It is active on ${listNames(active)}.` : null,
      ].filter((part): part is string => part !== null);
      const advice = typeAdvice(def, down);
      return [
        {
          rule: "storage.inactive-on-node",
          severity: "warning",
          subject: `storage:${def.id}`,
          title: `Shared storage ${def.id} is not active on ${names}`,
          detail: `Storage ${def.id} (${def.type}, shared) is enabled for ${def.nodes === null ? "all nodes" : listNames(def.nodes)}. ${parts.join(" ")} Guests using it cannot start there, and a guest migrated there can arrive with empty disks.`,
          remedy: `${advice ? `${advice} ` : ""}\`pvesm status --storage ${def.id}\` on ${names} shows the error, \`journalctl -u pvestatd\` the reason. Do not migrate guests that use ${def.id} to ${names} until it is active there.`,
        },
      ];
    });
};
