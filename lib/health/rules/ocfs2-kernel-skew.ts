import type { Finding, Rule } from "../types";
import { freshReport, listNames, plural, sectionData } from "../views";
import { compareKernelReleases, deviceName, ocfs2Volumes } from "../views-storage";

export const ocfs2KernelSkew: Rule = (snapshot) =>
  ocfs2Volumes(snapshot).flatMap((volume): Finding[] => {
    const byRelease = new Map<string, string[]>();
    for (const { node } of volume.mounts) {
      const release = freshReport(node)?.kernelRelease ?? null;
      if (release === null) continue;
      byRelease.set(release, [...(byRelease.get(release) ?? []), node.name]);
    }
    if (byRelease.size < 2) return [];

    const releases = [...byRelease.keys()].sort(compareKernelReleases);
    const newest = releases[releases.length - 1] ?? "";
    const older = releases.slice(0, -1);
    const behind = older.flatMap((release) => byRelease.get(release) ?? []);
    const upgraded = byRelease.get(newest) ?? [];
    const runs = releases
      .map((release) => {
        const nodes = byRelease.get(release) ?? [];
        return `${listNames(nodes)} ${nodes.length === 1 ? "runs" : "run"} ${release}`;
      })
      .join("; ");

    const devices = new Set(volume.mounts.map((m) => deviceName(m.entry.device)));
    const dioFailures = volume.mounts.flatMap(({ node }) => {
      const failures = (sectionData(node, "kernelLog")?.events ?? []).filter(
        (e) => e.kind === "direct-io-failed" && (e.device === null || devices.has(e.device)),
      ).length;
      return failures > 0 ? [`${node.name} logged ${plural(failures, "Direct IO failure")}`] : [];
    });
    const symptom =
      dioFailures.length > 0 ? ` The symptom is already there: ${listNames(dioFailures)}.` : "";
    const pin = older.length === 1 ? older[0] : "<release the others run>";

    return [
      {
        rule: "ocfs2.kernel-skew",
        severity: "warning",
        subject: `ocfs2:${volume.mountpoint}`,
        title: `Nodes sharing OCFS2 volume ${volume.mountpoint} run different kernels`,
        detail: `${runs}. After an upgrade from kernel 6.2 to 6.5, VMs on the upgraded node could not write to OCFS2 (\`ocfs2_dio_end_io ... Direct IO failed, bytes = -5\`) until it booted the old kernel.${symptom}`,
        remedy: `Boot the same kernel on every node that mounts ${volume.mountpoint}: finish the rolling upgrade on ${listNames(behind)} (\`apt full-upgrade\`, then reboot one node at a time), or, if ${listNames(upgraded)} cannot write, boot the previous kernel there (\`proxmox-boot-tool kernel pin ${pin}\`, reboot) until all nodes can run ${newest}.`,
      },
    ];
  });
