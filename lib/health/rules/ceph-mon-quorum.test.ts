import { describe, expect, it } from "vitest";
import type { ApiView } from "@/lib/snapshot/types";
import { apiView, failed, makeSnapshot, node } from "../test-helpers";
import { cephMonQuorum } from "./ceph-mon-quorum";
import { capturedCeph, check } from "./ceph-test-helpers";

const nodes = ["proxmox-node01", "proxmox-node02", "proxmox-node03"].map((n) => node(n));
const withCeph = (ceph: ApiView["ceph"]) => makeSnapshot({ api: apiView({ ceph }), nodes });

describe("ceph.mon-quorum", () => {
  it("proxmox-node03's monitor left the quorum of three → critical for that node, no margin left", () => {
    const ceph = {
      ...capturedCeph(),
      quorumNames: ["proxmox-node01", "proxmox-node02"],
      checks: [
        check("MON_DOWN", "HEALTH_WARN", "1/3 mons down, quorum proxmox-node01,proxmox-node02"),
      ],
    };
    const findings = cephMonQuorum(withCeph(ceph));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "ceph.mon-quorum",
      severity: "critical",
      subject: "node:proxmox-node03",
      title: "Ceph monitor proxmox-node03 is out of the monitors' quorum",
    });
    expect(findings[0]!.detail).toBe(
      '2 of 3 monitors are in quorum (proxmox-node01 and proxmox-node02); mon.proxmox-node03 (rank 1, 192.168.105.92:6789/0) is not. Ceph: "1/3 mons down, quorum proxmox-node01,proxmox-node02". The remaining monitors have no margin left: one more monitor failure stops Ceph, and with it every guest on Ceph storage.',
    );
    expect(findings[0]!.remedy).toContain("ceph-mon@proxmox-node03");
  });

  it("one of five monitors out → critical, one more may fail", () => {
    const ceph = {
      ...capturedCeph(),
      monitors: ["a", "b", "c", "d", "e"].map((name, rank) => ({ name, rank, addr: null })),
      quorumNames: ["a", "b", "c", "d"],
    };
    const [finding] = cephMonQuorum(withCeph(ceph));
    expect(finding!.subject).toBe("cluster");
    expect(finding!.detail).toContain("One more monitor may fail before Ceph stops.");
  });

  it.each([
    ["all three monitors in quorum (the real capture)", () => withCeph(capturedCeph())],
    ["no Ceph", () => withCeph(null)],
    ["no monitor list", () => withCeph({ ...capturedCeph(), monitors: [] })],
    [
      "stale API data",
      () =>
        makeSnapshot({
          api: failed<ApiView>(
            {},
            apiView({ ceph: { ...capturedCeph(), quorumNames: [] } }),
            60_000,
          ),
        }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(cephMonQuorum(build())).toEqual([]);
  });
});
