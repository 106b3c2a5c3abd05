import { describe, expect, it } from "vitest";
import { parseKernelLog } from "@/lib/parsers/kernel-log";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { absent, makeSnapshot, node, ok, report } from "../test-helpers";
import { ocfs2ReadOnly } from "./ocfs2-read-only";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime,errors=remount-ro 0 0\n";
const RW = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local,errors=remount-ro 0 0\n`;
const RO = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 ro,relatime,_netdev,heartbeat=local,errors=remount-ro 0 0\n`;
const REMOUNT_LOG = `Nov 22 09:58:02 pve2 kernel: OCFS2: ERROR (device sdb1): ocfs2_validate_inode_block: Invalid dinode #1234
Nov 22 09:58:02 pve2 kernel: File system is now read-only.
`;

function host(name: string, mounts: string, log?: string) {
  const sections = {
    mounts: ok(parsedValue(parseProcMounts(mounts))),
    kernelLog: log === undefined ? absent<never>() : ok(parsedValue(parseKernelLog(log))),
  };
  return node(name, { report: report(name, sections) });
}

describe("ocfs2.read-only", () => {
  it.each([
    {
      name: "pve2 has the volume mounted ro after the kernel remounted it → critical, says remounted after an error, fsck remedy",
      nodes: [host("pve1", RW), host("pve2", RO, REMOUNT_LOG)],
      title: "OCFS2 volume /mnt/ocfs2 is read-only on pve2",
      detail: [
        "pve2 has /dev/sdb1 mounted read-only at /mnt/ocfs2",
        "remounted read-only after an error",
      ],
      remedy: "fsck.ocfs2 -fy /dev/sdb1",
    },
    {
      name: "multipath volume: the log names dm-5, /proc/mounts /dev/mapper/san → still recognised as remounted after an error",
      nodes: [
        host(
          "pve1",
          `${ROOT}/dev/mapper/san /mnt/ocfs2 ocfs2 ro,noatime,_netdev,heartbeat=local,errors=remount-ro 0 0\n`,
          "[19871.130758] OCFS2: ERROR (device dm-5): ocfs2_commit_truncate: Inode 3162218 has empty extent block\n[19871.130891] OCFS2: File system is now read-only.\n",
        ),
      ],
      title: "OCFS2 volume /mnt/ocfs2 is read-only on pve1",
      detail: ["remounted read-only after an error"],
      remedy: "fsck.ocfs2 -fy /dev/mapper/san",
    },
    {
      name: "two nodes mount it ro with no error logged → one finding naming both, remount remedy",
      nodes: [host("pve1", RO), host("pve2", RO)],
      title: "OCFS2 volume /mnt/ocfs2 is read-only on pve1 and pve2",
      detail: ["pve1 has /dev/sdb1 mounted read-only", "pve2 has /dev/sdb1 mounted read-only"],
      remedy: "mount -o remount,rw /mnt/ocfs2",
    },
  ])("$name", ({ nodes, title, detail, remedy }) => {
    const findings = ocfs2ReadOnly(makeSnapshot({ nodes }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "ocfs2.read-only",
        severity: "critical",
        subject: "ocfs2:/mnt/ocfs2",
        title,
      }),
    ]);
    for (const text of detail) expect(findings[0]!.detail).toContain(text);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it.each([
    { name: "every OCFS2 mount is rw → quiet", nodes: [host("pve1", RW), host("pve2", RW)] },
    {
      name: "a read-only ext4 mount is not OCFS2 → quiet",
      nodes: [host("pve1", `${ROOT}/dev/sdc1 /mnt/iso ext4 ro 0 0\n`)],
    },
    {
      name: "the only ro node's agent is stale → no verdict",
      nodes: [host("pve1", RW), node("pve2", { report: null })],
    },
    {
      name: "the real fixture's rw OCFS2 mount → quiet",
      nodes: [
        host(
          "drbd01",
          readFixture("ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt"),
        ),
      ],
    },
  ])("$name", ({ nodes }) => {
    expect(ocfs2ReadOnly(makeSnapshot({ nodes }))).toEqual([]);
  });
});
