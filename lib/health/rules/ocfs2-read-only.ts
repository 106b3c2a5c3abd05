import type { MountEntry } from "@/lib/parsers/proc-mounts";
import type { NodeSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import { deviceName, ocfs2Mounts, ocfs2Volumes } from "../views-storage";

/**
 * Whether the node's kernel log says this volume was remounted read-only after an error. The log
 * names the kernel device (dm-5) where /proc/mounts has /dev/mapper/<name>, so a remount naming
 * no other mounted OCFS2 device counts.
 */
function remountedAfterError(node: NodeSnapshot, entry: MountEntry): boolean {
  const events = sectionData(node, "kernelLog")?.events ?? [];
  const own = deviceName(entry.device);
  const others = new Set(
    (ocfs2Mounts(node) ?? []).filter((m) => m !== entry).map((m) => deviceName(m.device)),
  );
  return events.some(
    (e) =>
      e.kind === "read-only-remount" &&
      (e.device === null || e.device === own || !others.has(e.device)),
  );
}

export const ocfs2ReadOnly: Rule = (snapshot) =>
  ocfs2Volumes(snapshot, (entry) => entry.readOnly).map(({ mountpoint, mounts }): Finding => {
    const names = mounts.map((m) => m.node.name);
    const afterError = mounts
      .filter((m) => remountedAfterError(m.node, m.entry))
      .map((m) => m.node.name);
    const lines = mounts.map(
      (m) =>
        `${m.node.name} has ${m.entry.device} mounted read-only at ${mountpoint} (${m.entry.options.join(",")}).`,
    );
    if (afterError.length > 0) {
      lines.push(
        `The kernel log of ${listNames(afterError)} shows the filesystem was remounted read-only after an error.`,
      );
    }
    lines.push("Guests with disks on it cannot write.");
    const devices = [...new Set(mounts.map((m) => m.entry.device))].join(" ");
    return {
      rule: "ocfs2.read-only",
      severity: "critical",
      subject: `ocfs2:${mountpoint}`,
      title: `OCFS2 volume ${mountpoint} is read-only on ${listNames(names)}`,
      detail: lines.join(" "),
      remedy:
        afterError.length > 0
          ? `Read the error first: \`journalctl -k | grep -iE 'ocfs2|o2hb'\` on ${listNames(afterError)}. Then stop the guests using ${mountpoint}, unmount it on every node (\`umount ${mountpoint}\`), check it from one node with \`fsck.ocfs2 -fy ${devices}\` and mount it again (\`mount ${mountpoint}\`).`
          : `Find out why it is read-only (\`journalctl -k | grep -i ocfs2\`, the fstab options) on ${listNames(names)}; if nothing is wrong, \`mount -o remount,rw ${mountpoint}\`, otherwise stop the guests, unmount it everywhere and run \`fsck.ocfs2 -fy ${devices}\` before mounting it again.`,
    };
  });
