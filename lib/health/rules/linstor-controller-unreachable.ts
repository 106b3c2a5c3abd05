import { formatAge } from "@/lib/format";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";

/** The controller's name: as it answered last, else as storage.cfg names it. */
function controllerName(snapshot: ClusterSnapshot): string {
  const fromStorage = snapshot.api.data?.storages?.find(
    (s) => s.type === "drbd" && s.controller !== null,
  )?.controller;
  return snapshot.linstor?.data?.controller ?? fromStorage ?? "controller";
}

export const linstorControllerUnreachable: Rule = (snapshot): Finding[] => {
  const { linstor } = snapshot;
  if (!linstor || linstor.fresh || !linstor.error || linstor.error.kind === "not-configured")
    return [];
  const controller = controllerName(snapshot);
  const last =
    linstor.ageMs === null
      ? "It has not answered since the dashboard started."
      : `Its last answer is ${formatAge(linstor.ageMs)} old.`;
  const vm =
    snapshot.api.data?.storages?.find((s) => s.type === "drbd" && s.controllerVm !== null)
      ?.controllerVm ?? null;
  return [
    {
      rule: "linstor.controller-unreachable",
      severity: "critical",
      subject: `linstor:${controller}`,
      title: `The LINSTOR controller ${controller} does not answer`,
      detail:
        `Asking ${controller} failed (${linstor.error.kind}): ${linstor.error.message}. ${last} ` +
        "DRBD keeps replicating existing disks, but Proxmox cannot create, resize, snapshot or delete LINSTOR disks, nor attach one on a node without a replica (migrations there fail).",
      remedy:
        `${vm === null ? `On the controller host` : `Check that controller VM ${vm} runs (\`qm status ${vm}\`), then inside it`}: \`systemctl status linstor-controller\`; from a node, \`linstor node list\` (port 3370 for the REST API). ` +
        "If the controller runs under drbd-reactor, `drbd-reactorctl status` shows which node should start it.",
    },
  ];
};
