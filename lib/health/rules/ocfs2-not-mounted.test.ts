import { describe, expect, it } from "vitest";
import { parseO2cbStatus } from "@/lib/parsers/o2cb-status";
import { parseOcfs2ClusterConf } from "@/lib/parsers/ocfs2-cluster-conf";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { ReportSections } from "@/lib/agents/schema";
import type { StorageDef } from "@/lib/snapshot/types";
import { absent, apiView, failed, makeSnapshot, node, ok, report, storage } from "../test-helpers";
import { ocfs2NotMounted } from "./ocfs2-not-mounted";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime,errors=remount-ro 0 0\n";
const OCFS2 = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local,nointr,data=ordered,errors=remount-ro,coherency=full,user_xattr,acl 0 0\n`;
const ONLINE = ok(parsedValue(parseO2cbStatus("Cluster 'ocfs2' is online\n")));

function host(name: string, mounts: string | null, sections: Partial<ReportSections> = {}) {
  const mountSection =
    mounts === null ? absent<never>("permission-denied") : ok(parsedValue(parseProcMounts(mounts)));
  return node(name, { report: report(name, { mounts: mountSection, o2cb: ONLINE, ...sections }) });
}

const ocfs2Storage = (props: Record<string, string> = {}): StorageDef =>
  storage("ocfs2-vms", "dir", {
    path: "/mnt/ocfs2",
    shared: "1",
    is_mountpoint: "yes",
    content: "images",
    ...props,
  });

describe("ocfs2.not-mounted", () => {
  it.each([
    {
      name: "is_mountpoint storage mounted on pve1 and pve2 but not pve3 → critical for /mnt/ocfs2 naming pve3",
      nodes: [host("pve1", OCFS2), host("pve2", OCFS2), host("pve3", ROOT)],
      storages: [ocfs2Storage()],
      missing: ["pve3"],
      detail: [
        "pve1 and pve2 mount OCFS2 /dev/sdb1 at /mnt/ocfs2",
        "Storage ocfs2-vms (dir, shared, is_mountpoint yes) is enabled on pve3",
        "pve3 has nothing mounted at /mnt/ocfs2",
      ],
    },
    {
      name: "no storage maps the volume, pve2 runs o2cb → the peers' mount is expected there",
      nodes: [host("pve1", OCFS2), host("pve2", ROOT)],
      storages: [],
      missing: ["pve2"],
      detail: ["pve1 mounts OCFS2 /dev/sdb1", "pve2 runs the same o2cb cluster as pve1"],
    },
    {
      name: "shared dir without is_mountpoint below the mount → says Proxmox writes to the local disk",
      nodes: [host("pve1", OCFS2), host("pve2", ROOT)],
      storages: [storage("vms", "dir", { path: "/mnt/ocfs2/images", shared: "1" })],
      missing: ["pve2"],
      detail: ["writes guest disks for vms to the local disk of pve2 under /mnt/ocfs2/images"],
    },
    {
      name: "another filesystem sits at the mountpoint → names it",
      nodes: [host("pve1", OCFS2), host("pve2", `${ROOT}/dev/sda3 /mnt/ocfs2 ext4 rw 0 0\n`)],
      storages: [ocfs2Storage()],
      missing: ["pve2"],
      detail: ["pve2 has ext4 /dev/sda3 mounted at /mnt/ocfs2 instead"],
    },
    {
      name: "is_mountpoint storage mounted nowhere, nodes run o2cb → every node is missing it",
      nodes: [host("pve1", ROOT), host("pve2", ROOT)],
      storages: [ocfs2Storage()],
      missing: ["pve1", "pve2"],
      detail: ["No node has OCFS2 mounted at /mnt/ocfs2"],
    },
  ])("$name", ({ nodes, storages, missing, detail }) => {
    const findings = ocfs2NotMounted(makeSnapshot({ nodes, api: apiView({ storages }) }));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      rule: "ocfs2.not-mounted",
      severity: "critical",
      subject: "ocfs2:/mnt/ocfs2",
    });
    for (const name of missing) expect(finding!.title).toContain(name);
    for (const text of detail) expect(finding!.detail).toContain(text);
    expect(finding!.remedy).toContain("mount /mnt/ocfs2");
  });

  it.each([
    {
      name: "every node mounts it → quiet",
      nodes: [host("pve1", OCFS2), host("pve2", OCFS2)],
      storages: [ocfs2Storage()],
    },
    {
      name: "the storage is restricted to pve1 and pve2 → pve3 is not expected to mount it",
      nodes: [host("pve1", OCFS2), host("pve2", OCFS2), host("pve3", ROOT)],
      storages: [ocfs2Storage({ nodes: "pve1,pve2" })],
    },
    {
      name: "the storage is disabled and the other node has no o2cb stack → quiet",
      nodes: [host("pve1", OCFS2), host("pve2", ROOT, { o2cb: absent() })],
      storages: [ocfs2Storage({ disable: "1" })],
    },
    {
      name: "pve3's agent is stale → its mounts are unknown, no verdict",
      nodes: [host("pve1", OCFS2), node("pve3", { report: null })],
      storages: [ocfs2Storage()],
    },
    {
      name: "pve2 could not read /proc/mounts → no verdict",
      nodes: [host("pve1", OCFS2), host("pve2", null)],
      storages: [ocfs2Storage()],
    },
    {
      name: "a node without the o2cb stack and no storage mapping → not expected",
      nodes: [host("pve1", OCFS2), host("pve2", ROOT, { o2cb: absent() })],
      storages: [],
    },
    {
      name: "a local (heartbeat=none) OCFS2 mount is not expected on peers",
      nodes: [
        host("pve1", `${ROOT}/dev/loop0 /mnt/t ocfs2 rw,heartbeat=none 0 0\n`),
        host("pve2", ROOT),
      ],
      storages: [],
    },
  ])("$name", ({ nodes, storages }) => {
    expect(ocfs2NotMounted(makeSnapshot({ nodes, api: apiView({ storages }) }))).toEqual([]);
  });

  it("real fixtures: drbd01 mounts /share, drbd02 runs the same o2cb cluster (cluster.conf lists both) but has no mount → drbd02 missing", () => {
    const mounts = ok(
      parsedValue(
        parseProcMounts(
          readFixture("ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt"),
        ),
      ),
    );
    const o2cb = ok(
      parsedValue(
        parseO2cbStatus(
          readFixture("ocfs2/o2cb-initd-status-online-active-old-format-icicimov.txt"),
        ),
      ),
    );
    const conf = ok(
      parsedValue(
        parseOcfs2ClusterConf(
          readFixture("ocfs2/cluster-conf-2node-local-heartbeat-spaces-icicimov.conf"),
        ),
      ),
    );
    const snapshot = makeSnapshot({
      nodes: [
        node("drbd01", { report: report("drbd01", { mounts, o2cb, ocfs2ClusterConf: conf }) }),
        node("drbd02", {
          report: report("drbd02", {
            mounts: ok(parsedValue(parseProcMounts(ROOT))),
            ocfs2ClusterConf: conf,
          }),
        }),
      ],
      api: failed(),
    });
    const findings = ocfs2NotMounted(snapshot);
    expect(findings).toEqual([
      expect.objectContaining({
        subject: "ocfs2:/share",
        title: "OCFS2 volume /share is not mounted on drbd02",
      }),
    ]);
    expect(findings[0]!.detail).toContain("drbd01 mounts OCFS2 /dev/mapper/mylun at /share");
  });
});
