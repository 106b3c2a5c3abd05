import { describe, expect, it } from "vitest";
import { parseKernelLog } from "@/lib/parsers/kernel-log";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { absent, makeSnapshot, node, ok, report } from "../test-helpers";
import { ocfs2IoErrors } from "./ocfs2-io-errors";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime 0 0\n";
const OCFS2 = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local,errors=remount-ro 0 0\n`;
const DIO =
  "Nov 22 09:58:01 pve1 kernel: (kworker/u16:3,1234,5):ocfs2_dio_end_io:2423 ERROR: Direct IO failed, bytes = -5\n";
const CORRUPTION = `Nov 22 09:58:02 pve2 kernel: OCFS2: ERROR (device sdb1): ocfs2_validate_inode_block: Invalid dinode #1234
Nov 22 09:58:02 pve2 kernel: On-disk corruption discovered. Please run fsck.ocfs2 once the filesystem is unmounted.
Nov 22 09:58:02 pve2 kernel: File system is now read-only.
`;
const BENIGN = `Nov 22 09:58:00 pve1 kernel: ocfs2: Mounting device (8,17) on (node 1, slot 0) with ordered data mode.
Nov 22 09:58:04 pve1 kernel: o2net: No longer connected to node pve2 (num 2) at 10.0.0.2:7777
`;

const SEQ_FILE =
  "Nov 22 09:58:05 pve1 kernel: seq_file: buggy .next function ocfs2_dlm_seq_next [ocfs2] did not update position index\n";

function host(name: string, log: string | null, mounts: string | null = OCFS2) {
  const sections = {
    mounts: mounts === null ? absent<never>() : ok(parsedValue(parseProcMounts(mounts))),
    kernelLog:
      log === null ? absent<never>("permission-denied") : ok(parsedValue(parseKernelLog(log))),
  };
  return node(name, { report: report(name, sections) });
}

describe("ocfs2.io-errors", () => {
  it.each([
    {
      name: "a Direct IO failure without a device → critical on the node, quotes the line, kernel remedy",
      nodes: [host("pve1", DIO.repeat(3)), host("pve2", BENIGN)],
      subject: "node:pve1",
      detail: ["3 OCFS2 error lines", "pve1: 3 × Direct IO failed", "Direct IO failed, bytes = -5"],
      remedy: "keep every OCFS2 node on the same release",
    },
    {
      name: "an OCFS2 ERROR naming sdb1 then corruption and read-only remount → critical on the mountpoint, fsck remedy",
      nodes: [host("pve1", BENIGN), host("pve2", CORRUPTION)],
      subject: "ocfs2:/mnt/ocfs2",
      detail: [
        "on /dev/sdb1 (mounted at /mnt/ocfs2)",
        "1 × on-disk corruption, 1 × remounted read-only, 1 × filesystem error",
        "On-disk corruption discovered",
      ],
      remedy: "fsck.ocfs2 -fy /dev/sdb1",
    },
    {
      name: "the device is named but the node has no readable mounts → falls back to the node",
      nodes: [host("pve2", CORRUPTION, null)],
      subject: "node:pve2",
      detail: ["3 OCFS2 error lines on sdb1:", "pve2: 1 × on-disk corruption"],
      remedy: "fsck.ocfs2 -fy /dev/sdb1",
    },
  ])("$name", ({ nodes, subject, detail, remedy }) => {
    const findings = ocfs2IoErrors(makeSnapshot({ nodes }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "ocfs2.io-errors", severity: "critical", subject }),
    ]);
    for (const text of detail) expect(findings[0]!.detail).toContain(text);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it("Direct IO failures on the one node that runs a newer kernel → detail contrasts the releases, remedy pins the others' release", () => {
    const withKernel = (name: string, log: string, release: string) =>
      node(name, {
        report: report(
          name,
          {
            mounts: ok(parsedValue(parseProcMounts(OCFS2))),
            kernelLog: ok(parsedValue(parseKernelLog(log))),
          },
          { kernelRelease: release },
        ),
      });
    const findings = ocfs2IoErrors(
      makeSnapshot({
        nodes: [
          withKernel("pve1", DIO, "6.5.13-1-pve"),
          withKernel("pve2", BENIGN, "6.2.16-20-pve"),
        ],
      }),
    );
    expect(findings[0]!.detail).toContain(
      "pve1 runs kernel 6.5.13-1-pve; the other OCFS2 nodes run 6.2.16-20-pve",
    );
    expect(findings[0]!.remedy).toContain("proxmox-boot-tool kernel pin 6.2.16-20-pve");
  });

  it("two nodes with errors on the same volume → one finding for the mountpoint with counts per node", () => {
    const findings = ocfs2IoErrors(
      makeSnapshot({ nodes: [host("pve1", CORRUPTION), host("pve2", CORRUPTION)] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toBe("OCFS2 volume /mnt/ocfs2 reports errors on pve1 and pve2");
    expect(findings[0]!.detail).toContain("6 OCFS2 error lines");
  });

  it("errors on a volume and unresolved ones → the mountpoint finding first, then the node", () => {
    const findings = ocfs2IoErrors(
      makeSnapshot({ nodes: [host("pve1", DIO), host("pve2", CORRUPTION)] }),
    );
    expect(findings.map((f) => f.subject)).toEqual(["ocfs2:/mnt/ocfs2", "node:pve1"]);
  });

  it.each([
    { name: "mounts, o2net disconnects only → quiet", nodes: [host("pve1", BENIGN)] },
    {
      name: "the ocfs2 seq_file notice after a one-node kernel upgrade → quiet (a module warning, not an I/O error)",
      nodes: [host("pve1", `${BENIGN}${SEQ_FILE}`)],
    },
    { name: "the kernel log could not be read → no verdict", nodes: [host("pve1", null)] },
    { name: "the node's agent is stale → no verdict", nodes: [node("pve1", { report: null })] },
    {
      name: "real fixture: an OCFS2 mount and floppy I/O errors only → quiet",
      nodes: [
        host(
          "pve1",
          readFixture(
            "ocfs2/kernel-log-ocfs2-mount-local-loop-with-unrelated-floppy-errors-ocfs2tools46.txt",
          ),
        ),
      ],
    },
  ])("$name", ({ nodes }) => {
    expect(ocfs2IoErrors(makeSnapshot({ nodes }))).toEqual([]);
  });

  it("real fixture: ocfs2_xa_set ERROR lines (status -22) → counted as filesystem errors, the oops is not", () => {
    const log = readFixture(
      "ocfs2/kernel-log-ocfs2-xattr-error-unmount-then-gpf-partial-ocfs2tools45.txt",
    );
    const findings = ocfs2IoErrors(makeSnapshot({ nodes: [host("pve1", log, ROOT)] }));
    expect(findings).toEqual([
      expect.objectContaining({ subject: "node:pve1", severity: "critical" }),
    ]);
    expect(findings[0]!.detail).toContain("pve1: 2 × filesystem error");
    expect(findings[0]!.detail).toContain("ocfs2_xa_set:2242 ERROR: status = -22");
  });

  it("a Direct IO failure beside the seq_file notice → only the Direct IO line is counted", () => {
    const findings = ocfs2IoErrors(makeSnapshot({ nodes: [host("pve1", `${SEQ_FILE}${DIO}`)] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.detail).toContain("1 OCFS2 error line");
    expect(findings[0]!.detail).toContain("pve1: 1 × Direct IO failed.");
  });
});
