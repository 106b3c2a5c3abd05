import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import { parseCorosyncConf } from "@/lib/parsers/corosync-conf";
import { readFixture } from "@/lib/parsers/test-helpers";
import {
  apiView,
  corosyncConf,
  failed,
  makeSnapshot,
  node,
  ok,
  quorum,
  report,
} from "../test-helpers";
import { quorumQdeviceOddNodes } from "./quorum-qdevice-odd-nodes";
import { withConf } from "./quorum-test-helpers";

const LMS = {
  model: "net",
  host: "10.213.7.100",
  algorithm: "lms",
  tls: "on",
  votes: 2,
  port: null,
  tieBreaker: null,
};

describe("quorum.qdevice-odd-nodes", () => {
  it("three nodes and a QDevice with 2 votes (lms) → warning naming the count and the device", () => {
    const [finding, ...rest] = quorumQdeviceOddNodes(
      withConf(corosyncConf(["pve1", "pve2", "pve3"], { qdevice: LMS })),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "quorum.qdevice-odd-nodes",
      severity: "warning",
      subject: "cluster",
      title: "QDevice configured on a cluster with an odd number of nodes (3)",
      link: "/setup/qdevice?cluster=test&flow=remove",
    });
    expect(finding!.detail).toContain(
      "lists 3 nodes (pve1, pve2 and pve3) and a QDevice (model net, algorithm lms, host 10.213.7.100, 2 votes)",
    );
    expect(finding!.remedy).toContain("pvecm qdevice remove");
  });

  it("QDevice votes unset in corosync.conf → detail shows votequorum's default (node votes - 1)", () => {
    const [finding] = quorumQdeviceOddNodes(
      withConf(corosyncConf(["pve1", "pve2", "pve3"], { qdevice: { ...LMS, votes: null } })),
    );
    expect(finding!.detail).toContain("2 votes)");
  });

  it("no corosync.conf, the API lists three nodes and corosync shows a registered Qdevice → warning", () => {
    const q = quorum({
      members: [
        { local: true, qdevice: ["A", "V", "NMW"] },
        { qdevice: ["A", "V", "NMW"] },
        { qdevice: ["A", "V", "NMW"] },
      ],
      qdeviceName: "Qdevice",
      qdeviceVotes: 2,
    });
    const api = apiView({
      configNodes: ["pve1", "pve2", "pve3"].map((name, i) => ({
        name,
        nodeId: i + 1,
        votes: 1,
        ring0Addr: null,
      })),
    });
    const [finding] = quorumQdeviceOddNodes(
      makeSnapshot({ api, nodes: [node("pve1", { report: report("pve1", { corosync: ok(q) }) })] }),
    );
    expect(finding!.detail).toContain("3 nodes (pve1, pve2 and pve3) and a registered QDevice");
  });

  it.each([
    [
      "two nodes and a QDevice",
      () =>
        withConf(
          corosyncConf(["pve1", "pve2"], { qdevice: { ...LMS, algorithm: "ffsplit", votes: 1 } }),
        ),
    ],
    [
      "the real PVE corosync.conf with two nodes and a QDevice",
      () => {
        const parsed = parseCorosyncConf(
          readFixture("pve-config/corosync-conf-pve-2node-qdevice-net-ffsplit-tls-homelab.conf"),
        );
        if (!parsed.ok) throw new Error(parsed.error.message);
        return withConf(parsed.value);
      },
    ],
    ["three nodes without a QDevice", () => withConf(corosyncConf(["pve1", "pve2", "pve3"]))],
    [
      "the only corosync.conf is in a stale report",
      () =>
        makeSnapshot({
          nodes: [
            node("pve1", {
              agent: failed<AgentReport>(
                {},
                report("pve1", {
                  corosyncConf: ok(corosyncConf(["pve1", "pve2", "pve3"], { qdevice: LMS })),
                }),
                60_000,
              ),
            }),
          ],
        }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(quorumQdeviceOddNodes(build())).toEqual([]);
  });
});
