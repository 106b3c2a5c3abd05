import { describe, expect, it } from "vitest";
import type { ReportSections } from "@/lib/agents/schema";
import { parseO2cbStatus } from "@/lib/parsers/o2cb-status";
import { parseOcfs2ClusterConf } from "@/lib/parsers/ocfs2-cluster-conf";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { ApiView } from "@/lib/snapshot/types";
import {
  absent,
  apiView,
  corosyncConf,
  failed,
  makeSnapshot,
  node,
  ok,
  report,
  storage,
} from "../test-helpers";
import { ocfs2NodeListMismatch } from "./ocfs2-node-list-mismatch";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime 0 0\n";
const OCFS2 = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local 0 0\n`;
const ONLINE = ok(parsedValue(parseO2cbStatus("Cluster 'ocfs2' is online\n")));

function clusterConf(names: string[]): string {
  const nodes = names.map(
    (name, i) =>
      `node:\n\tip_port = 7777\n\tip_address = 10.0.0.${i + 1}\n\tnumber = ${i}\n\tname = ${name}\n\tcluster = ocfs2\n`,
  );
  return `cluster:\n\tnode_count = ${names.length}\n\tname = ocfs2\n\n${nodes.join("\n")}`;
}

const COROSYNC = ok(corosyncConf(["pve1", "pve2", "pve3"]));

function host(name: string, conf: string | null, sections: Partial<ReportSections> = {}) {
  return node(name, {
    report: report(name, {
      corosyncConf: COROSYNC,
      mounts: ok(parsedValue(parseProcMounts(OCFS2))),
      o2cb: ONLINE,
      ocfs2ClusterConf:
        conf === null ? absent<never>() : ok(parsedValue(parseOcfs2ClusterConf(conf))),
      ...sections,
    }),
  });
}

describe("ocfs2.node-list-mismatch", () => {
  it.each([
    {
      name: "cluster.conf everywhere lacks the new node pve3 → one warning for the cluster, missing pve3",
      nodes: [
        host("pve1", clusterConf(["pve1", "pve2"])),
        host("pve2", clusterConf(["pve1", "pve2"])),
        host("pve3", clusterConf(["pve1", "pve2"])),
      ],
      subject: "cluster",
      detail: [
        "lists pve1 and pve2; corosync has pve1, pve2 and pve3",
        "Missing from cluster.conf: pve3.",
      ],
      remedy: "o2cb add-node ocfs2 pve3 --ip <address>",
    },
    {
      name: "a renamed node still listed under its old name → missing and extra",
      nodes: [
        host("pve1", clusterConf(["pve1", "pve2", "oldbox"])),
        host("pve2", clusterConf(["pve1", "pve2", "oldbox"])),
        host("pve3", clusterConf(["pve1", "pve2", "oldbox"])),
      ],
      subject: "cluster",
      detail: ["Missing from cluster.conf: pve3.", "Not in corosync: oldbox."],
      remedy: "o2cb remove-node ocfs2 oldbox",
    },
    {
      name: "names differ only in case → mismatch, says o2cb compares exactly",
      nodes: [
        host("pve1", clusterConf(["pve1", "pve2", "PVE3"])),
        host("pve2", clusterConf(["pve1", "pve2", "PVE3"])),
        host("pve3", clusterConf(["pve1", "pve2", "PVE3"])),
      ],
      subject: "cluster",
      detail: ["Not in corosync: PVE3.", "PVE3 ≠ pve3"],
      remedy: "o2cb add-node ocfs2 pve3",
    },
    {
      name: "only pve3's copy is stale → a warning for node:pve3",
      nodes: [
        host("pve1", clusterConf(["pve1", "pve2", "pve3"])),
        host("pve2", clusterConf(["pve1", "pve2", "pve3"])),
        host("pve3", clusterConf(["pve1", "pve2"])),
      ],
      subject: "node:pve3",
      detail: ["cluster.conf on pve3 lists pve1 and pve2"],
      remedy: "identical on all nodes",
    },
  ])("$name", ({ nodes, subject, detail, remedy }) => {
    const findings = ocfs2NodeListMismatch(makeSnapshot({ nodes }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "ocfs2.node-list-mismatch", severity: "warning", subject }),
    ]);
    for (const text of detail) expect(findings[0]!.detail).toContain(text);
    expect(findings[0]!.remedy).toContain(remedy);
  });

  it.each([
    {
      name: "cluster.conf lists exactly the corosync nodes → quiet",
      nodes: [
        host("pve1", clusterConf(["pve1", "pve2", "pve3"])),
        host("pve2", clusterConf(["pve1", "pve2", "pve3"])),
      ],
      api: apiView(),
    },
    {
      name: "pve3 uses no OCFS2 (no o2cb, no mount, the storage is limited to pve1 and pve2) → not missing",
      nodes: [
        host("pve1", clusterConf(["pve1", "pve2"])),
        host("pve2", clusterConf(["pve1", "pve2"])),
        host("pve3", null, { o2cb: absent(), mounts: ok(parsedValue(parseProcMounts(ROOT))) }),
      ],
      api: apiView({
        storages: [
          storage("ocfs2-vms", "dir", {
            path: "/mnt/ocfs2",
            shared: "1",
            is_mountpoint: "yes",
            nodes: "pve1,pve2",
          }),
        ],
      }),
    },
    {
      name: "no node reports cluster.conf → nothing to compare",
      nodes: [host("pve1", null), host("pve2", null)],
      api: apiView(),
    },
    {
      name: "no corosync.conf anywhere and the API is stale → nothing to compare with",
      nodes: [host("pve1", clusterConf(["pve1"]), { corosyncConf: absent() })],
      api: failed<ApiView>(),
    },
  ])("$name", ({ nodes, api }) => {
    expect(ocfs2NodeListMismatch(makeSnapshot({ nodes, api }))).toEqual([]);
  });

  it("pve3 is missing and its agent is stale → still reported: nothing shows it does not use OCFS2", () => {
    const conf = clusterConf(["pve1", "pve2"]);
    const findings = ocfs2NodeListMismatch(
      makeSnapshot({
        nodes: [host("pve1", conf), host("pve2", conf), node("pve3", { report: null })],
      }),
    );
    expect(findings).toEqual([expect.objectContaining({ subject: "cluster" })]);
    expect(findings[0]!.detail).toContain("Missing from cluster.conf: pve3.");
  });

  it("real fixtures: the icicimov cluster.conf (drbd01, drbd02) against a corosync with the same names → quiet; against pve1/pve2 → both missing and extra", () => {
    const conf = readFixture("ocfs2/cluster-conf-2node-local-heartbeat-spaces-icicimov.conf");
    const same = ok(corosyncConf(["drbd01", "drbd02"]));
    const quiet = makeSnapshot({
      nodes: [
        host("drbd01", conf, { corosyncConf: same }),
        host("drbd02", conf, { corosyncConf: same }),
      ],
    });
    expect(ocfs2NodeListMismatch(quiet)).toEqual([]);

    const other = ok(corosyncConf(["pve1", "pve2"]));
    const findings = ocfs2NodeListMismatch(
      makeSnapshot({
        nodes: [
          host("pve1", conf, { corosyncConf: other }),
          host("pve2", conf, { corosyncConf: other }),
        ],
      }),
    );
    expect(findings[0]!.detail).toContain(
      "Missing from cluster.conf: pve1 and pve2. Not in corosync: drbd01 and drbd02.",
    );
  });

  it("real fixture: o2cb list-cluster output (nodes before the cluster stanza) is read the same way", () => {
    const conf = readFixture("ocfs2/o2cb-list-cluster-global-heartbeat-nodes-first-cloudabc.txt");
    const corosync = ok(corosyncConf(["kvm1", "kvm2", "kvm3"]));
    const findings = ocfs2NodeListMismatch(
      makeSnapshot({ nodes: [host("kvm1", conf, { corosyncConf: corosync })] }),
    );
    expect(findings[0]!.detail).toContain("Missing from cluster.conf: kvm3.");
  });
});
