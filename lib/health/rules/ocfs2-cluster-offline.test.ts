import { describe, expect, it } from "vitest";
import type { ReportSections } from "@/lib/agents/schema";
import { parseO2cbStatus } from "@/lib/parsers/o2cb-status";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { absent, apiView, makeSnapshot, node, ok, report, storage } from "../test-helpers";
import { ocfs2ClusterOffline } from "./ocfs2-cluster-offline";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime 0 0\n";
const OCFS2 = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local,errors=remount-ro 0 0\n`;
const ONLINE = "Cluster 'ocfs2' is online\n";
const OFFLINE = "Cluster 'ocfs2' is offline\n";
const NOT_REGISTERED = readFixture(
  "ocfs2/o2cb-start-heartbeat-error-cluster-not-registered-cloudabc.txt",
);
const LOCAL_HB_INACTIVE = readFixture(
  "ocfs2/o2cb-initd-status-local-heartbeat-active-srvocfs2notes.txt",
).replace("Checking O2CB heartbeat: Active", "Checking O2CB heartbeat: Not active");
const GLOBAL_HB_INACTIVE = readFixture(
  "ocfs2/o2cb-init-status-global-heartbeat-dlmfs-not-loaded-cloudabc.txt",
).replace("Checking O2CB heartbeat: Active", "Checking O2CB heartbeat: Not active");

function host(
  name: string,
  mounts: string,
  o2cb: string | null,
  sections: Partial<ReportSections> = {},
) {
  return node(name, {
    report: report(name, {
      mounts: ok(parsedValue(parseProcMounts(mounts))),
      o2cb: o2cb === null ? absent<never>() : ok(parsedValue(parseO2cbStatus(o2cb))),
      ...sections,
    }),
  });
}

const ocfs2Storage = storage("ocfs2-vms", "dir", {
  path: "/mnt/ocfs2",
  shared: "1",
  is_mountpoint: "yes",
});

describe("ocfs2.cluster-offline", () => {
  it.each([
    {
      name: "pve2 should mount the volume its peer mounts but its o2cb cluster is offline → critical for node:pve2",
      nodes: [host("pve1", OCFS2, ONLINE), host("pve2", ROOT, OFFLINE)],
      storages: [],
      subject: "node:pve2",
      detail: ["pve2's o2cb cluster 'ocfs2' is offline", "it should mount /mnt/ocfs2"],
      remedy: "systemctl start o2cb",
    },
    {
      name: "real fixture: the cluster is not registered on a node the storage expects → offline, quotes o2cb",
      nodes: [host("pve1", OCFS2, ONLINE), host("pve2", ROOT, NOT_REGISTERED)],
      storages: [ocfs2Storage],
      subject: "node:pve2",
      detail: ["o2cb cluster 'cloudabc' is offline", `"o2cb: Cluster 'cloudabc' not registered"`],
      remedy: "o2cb register-cluster cloudabc",
    },
    {
      name: "local heartbeat not active while the volume is mounted → critical, points at the LUN",
      nodes: [host("pve1", OCFS2, LOCAL_HB_INACTIVE)],
      storages: [],
      subject: "node:pve1",
      detail: ["pve1's o2cb heartbeat is Not active (local heartbeat)", "it mounts /mnt/ocfs2"],
      remedy: "multipath -ll",
    },
    {
      name: "global heartbeat not active on a node that should mount a volume → start-heartbeat remedy",
      nodes: [host("pve1", OCFS2, ONLINE), host("pve2", ROOT, GLOBAL_HB_INACTIVE)],
      storages: [ocfs2Storage],
      subject: "node:pve2",
      detail: ["heartbeat is Not active (global heartbeat)"],
      remedy: "o2cb start-heartbeat cloudabc",
    },
  ])("$name", ({ nodes, storages, subject, detail, remedy }) => {
    const findings = ocfs2ClusterOffline(makeSnapshot({ nodes, api: apiView({ storages }) }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "ocfs2.cluster-offline", severity: "critical", subject }),
    ]);
    for (const text of detail) expect(findings[0]!.detail).toContain(text);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it.each([
    {
      name: "online everywhere with the volume mounted → quiet",
      nodes: [host("pve1", OCFS2, ONLINE), host("pve2", OCFS2, ONLINE)],
    },
    {
      name: "o2cb offline on a node that uses no OCFS2 at all → quiet",
      nodes: [host("pve1", ROOT, OFFLINE)],
    },
    {
      name: "local heartbeat not active with nothing mounted and nothing expected → quiet (o2hb starts on mount)",
      nodes: [host("pve1", ROOT, LOCAL_HB_INACTIVE)],
    },
    { name: "o2cb status could not be read → no verdict", nodes: [host("pve1", OCFS2, null)] },
    {
      name: "the node's agent is stale → no verdict",
      nodes: [host("pve1", OCFS2, ONLINE), node("pve2", { report: null })],
    },
    {
      name: "real fixtures: online with active heartbeat, old and new formats → quiet",
      nodes: [
        host(
          "pve1",
          OCFS2,
          readFixture("ocfs2/o2cb-initd-status-online-active-old-format-icicimov.txt"),
        ),
        host("pve2", OCFS2, readFixture("ocfs2/o2cb-cluster-status-online-cloudabc.txt")),
      ],
    },
  ])("$name", ({ nodes }) => {
    expect(ocfs2ClusterOffline(makeSnapshot({ nodes }))).toEqual([]);
  });
});
