import type { ApiView } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";

/** A guest is HA-managed when an HA service names it (vm:100, ct:100) and HA does not ignore it. */
function haManaged(api: ApiView, vmid: number): boolean {
  const ids = new Set([`vm:${vmid}`, `ct:${vmid}`]);
  const service = (api.ha ?? []).find(
    (e) => (e.sid !== null && ids.has(e.sid)) || ids.has(e.id.replace(/^service:/, "")),
  );
  if (service) return service.state !== "ignored";
  const haState = api.guests?.find((g) => g.vmid === vmid)?.haState ?? null;
  return haState !== null && haState !== "ignored";
}

export const linstorControllerVmNotHa: Rule = (snapshot) => {
  const { api } = snapshot;
  const view = api.fresh ? api.data : null;
  // Without the HA list (its endpoint failed) the answer is unknown, not "not HA".
  if (!view?.storages || view.ha === null) return [];
  return view.storages.flatMap((s): Finding[] => {
    const vmid = s.controllerVm;
    if (s.type !== "drbd" || vmid === null || haManaged(view, vmid)) return [];
    const guest = view.guests?.find((g) => g.vmid === vmid);
    const where = guest?.node ? ` (${guest.name ?? `VM ${vmid}`} on ${guest.node})` : "";
    return [
      {
        rule: "linstor.controller-vm-not-ha",
        severity: "warning",
        subject: `storage:${s.id}`,
        title: `LINSTOR controller VM ${vmid} is not HA-managed`,
        detail: `Storage ${s.id} names controllervm ${vmid}${where}, but Proxmox HA does not manage it. If its node fails, the LINSTOR controller stays down with it and ${s.id} cannot create, snapshot or attach disks until someone starts the VM by hand.`,
        remedy: `\`ha-manager add vm:${vmid} --state started\` (or Datacenter → HA → Add), so Proxmox restarts the controller VM on another node.`,
      },
    ];
  });
};
