import { describe, expect, it } from "vitest";
import { parseKernelLog } from "@/lib/parsers/kernel-log";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { absent, makeSnapshot, node, ok, report } from "../test-helpers";
import { ocfs2KernelSkew } from "./ocfs2-kernel-skew";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime 0 0\n";
const OCFS2 = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local,errors=remount-ro 0 0\n`;
const DIO =
  "Nov 22 09:58:01 pve1 kernel: (kworker/u16:3,1234,5):ocfs2_dio_end_io:2423 ERROR: Direct IO failed, bytes = -5\n";

function host(name: string, release: string | null, mounts = OCFS2, log?: string) {
  const sections = {
    mounts: ok(parsedValue(parseProcMounts(mounts))),
    kernelLog: log === undefined ? absent<never>() : ok(parsedValue(parseKernelLog(log))),
  };
  return node(name, { report: report(name, sections, { kernelRelease: release }) });
}

describe("ocfs2.kernel-skew", () => {
  it("pve1 upgraded to 6.5 while pve2 and pve3 run 6.2 → warning listing each release, finish-the-upgrade remedy", () => {
    const findings = ocfs2KernelSkew(
      makeSnapshot({
        nodes: [
          host("pve1", "6.5.13-1-pve"),
          host("pve2", "6.2.16-20-pve"),
          host("pve3", "6.2.16-20-pve"),
        ],
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "ocfs2.kernel-skew",
        severity: "warning",
        subject: "ocfs2:/mnt/ocfs2",
      }),
    ]);
    expect(findings[0]!.detail).toContain(
      "pve2 and pve3 run 6.2.16-20-pve; pve1 runs 6.5.13-1-pve",
    );
    expect(findings[0]!.detail).toContain("Direct IO failed, bytes = -5");
    expect(findings[0]!.remedy).toContain("finish the rolling upgrade on pve2 and pve3");
    expect(findings[0]!.remedy).toContain("proxmox-boot-tool kernel pin 6.2.16-20-pve");
  });

  it("the upgraded node already logs Direct IO failures → detail says the symptom is showing", () => {
    const findings = ocfs2KernelSkew(
      makeSnapshot({
        nodes: [host("pve1", "6.5.13-1-pve", OCFS2, DIO + DIO), host("pve2", "6.2.16-20-pve")],
      }),
    );
    expect(findings[0]!.detail).toContain(
      "The symptom is already there: pve1 logged 2 Direct IO failures",
    );
  });

  it("two volumes, skew only among the nodes of one → one finding for that mountpoint", () => {
    const other = `${ROOT}/dev/sdc1 /mnt/other ocfs2 rw,_netdev,heartbeat=local 0 0\n`;
    const findings = ocfs2KernelSkew(
      makeSnapshot({
        nodes: [
          host("pve1", "6.8.12-4-pve", other),
          host("pve2", "6.8.12-4-pve"),
          host("pve3", "6.8.12-9-pve", other),
        ],
      }),
    );
    expect(findings.map((f) => f.subject)).toEqual(["ocfs2:/mnt/other"]);
  });

  it.each([
    {
      name: "every node runs the same release → quiet",
      nodes: [host("pve1", "6.8.12-4-pve"), host("pve2", "6.8.12-4-pve")],
    },
    {
      name: "a node on another kernel that does not mount the volume → quiet",
      nodes: [
        host("pve1", "6.8.12-4-pve"),
        host("pve2", "6.8.12-4-pve"),
        host("pve3", "6.5.13-1-pve", ROOT),
      ],
    },
    {
      name: "one node's release is unknown → nothing to compare",
      nodes: [host("pve1", "6.8.12-4-pve"), host("pve2", null)],
    },
    {
      name: "the other node's agent is stale → no verdict",
      nodes: [host("pve1", "6.8.12-4-pve"), node("pve2", { report: null })],
    },
    {
      name: "real fixture mount on one node only → quiet",
      nodes: [
        host(
          "drbd01",
          "6.8.12-4-pve",
          readFixture("ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt"),
        ),
      ],
    },
  ])("$name", ({ nodes }) => {
    expect(ocfs2KernelSkew(makeSnapshot({ nodes }))).toEqual([]);
  });
});
