import { freshReport, listNames, sectionData } from "@/lib/health/views";
import { ocfs2Volumes } from "@/lib/health/views-storage";
import type { ClusterSnapshot, NodeSnapshot } from "@/lib/snapshot/types";
import type { ReadinessCheck } from "./types";

/** The kernel the node boots next, from its fresh report; null when not known. */
export function nextBootKernel(node: NodeSnapshot): string | null {
  return sectionData(node, "bootKernel")?.nextBoot ?? null;
}

/** Peers by the kernel they run now; peers whose kernel is not known under null. */
function peersByKernel(peers: readonly NodeSnapshot[]): Map<string | null, string[]> {
  const byKernel = new Map<string | null, string[]>();
  for (const peer of peers) {
    const kernel = freshReport(peer)?.kernelRelease ?? null;
    byKernel.set(kernel, [...(byKernel.get(kernel) ?? []), peer.name]);
  }
  return byKernel;
}

/**
 * OCFS2 volumes this node shares: the kernel it boots next against the kernels its peers run now.
 * A difference is a warning, not a refusal: a rolling upgrade must pass through it, but after the
 * 6.2 → 6.5 upgrade VMs on the upgraded node could not write to OCFS2, so the admin must know that
 * this reboot creates the skew.
 */
export function ocfs2KernelCheck(snapshot: ClusterSnapshot, node: NodeSnapshot): ReadinessCheck {
  if (!node.agent.fresh) {
    return {
      id: "ocfs2-kernel",
      level: "unknown",
      text: `Which OCFS2 volumes ${node.name} mounts is not known.`,
    };
  }
  const volumes = ocfs2Volumes(snapshot).filter((v) => v.mounts.some((m) => m.node === node));
  if (volumes.length === 0) {
    return { id: "ocfs2-kernel", level: "ok", text: `${node.name} mounts no OCFS2 volume.` };
  }
  const next = nextBootKernel(node);
  const running = freshReport(node)?.kernelRelease ?? null;
  const sentences: string[] = [];
  let skew = false;
  for (const volume of volumes) {
    const peers = volume.mounts.map((m) => m.node).filter((n) => n !== node);
    const byKernel = peersByKernel(peers);
    const unknownPeers = byKernel.get(null) ?? [];
    byKernel.delete(null);
    if (unknownPeers.length > 0) {
      sentences.push(`The kernel ${listNames(unknownPeers)} runs is not known.`);
    }
    if (next === null) continue;
    const differing = [...byKernel.entries()].filter(([kernel]) => kernel !== next);
    if (differing.length === 0) continue;
    skew = true;
    const runs = differing
      .map(
        ([kernel, names]) => `${listNames(names)} ${names.length === 1 ? "runs" : "run"} ${kernel}`,
      )
      .join(", ");
    const pin =
      running !== null && running !== next
        ? ` or pin the running kernel first (\`proxmox-boot-tool kernel pin ${running}\`)`
        : "";
    sentences.push(
      `${node.name} will boot ${next} while ${runs} on OCFS2 ${volume.mountpoint}: the reboot itself creates a kernel skew, as in the 6.2 → 6.5 upgrade after which VMs on the upgraded node could not write to OCFS2 (Direct IO failed). Watch ${node.name}'s kernel log after the reboot${pin}.`,
    );
  }
  const mountpoints = listNames(volumes.map((v) => v.mountpoint));
  if (next === null) {
    const section = node.agent.data?.sections.bootKernel;
    const why =
      section?.status !== "absent"
        ? ""
        : section.reason === "not-installed"
          ? ` (its agent found neither proxmox-boot-tool nor a kernel image in /boot, or predates this report)`
          : ` (${section.source}: ${section.reason}: ${section.message})`;
    return {
      id: "ocfs2-kernel",
      level: "warning",
      text: `The kernel ${node.name} boots next is not known${why}: check that it matches its OCFS2 peers on ${mountpoints} before rebooting. ${sentences.join(" ")}`.trim(),
    };
  }
  if (skew || sentences.length > 0) {
    return { id: "ocfs2-kernel", level: "warning", text: sentences.join(" ") };
  }
  return {
    id: "ocfs2-kernel",
    level: "ok",
    text: `${node.name} boots ${next}, the kernel its OCFS2 peers on ${mountpoints} run.`,
  };
}
