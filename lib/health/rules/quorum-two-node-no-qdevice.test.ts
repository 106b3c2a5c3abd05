import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import type { CorosyncConf } from "@/lib/parsers/corosync-conf";
import { parseCorosyncConf } from "@/lib/parsers/corosync-conf";
import { parseCorosyncQuorumtool } from "@/lib/parsers/corosync-quorumtool";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { ApiView } from "@/lib/snapshot/types";
import { apiView, corosyncConf, failed, makeSnapshot, node, ok, report } from "../test-helpers";
import { quorumTwoNodeNoQdevice } from "./quorum-two-node-no-qdevice";
import { QDEVICE, withConf } from "./quorum-test-helpers";

function realConf(): CorosyncConf {
  return parsedValue(
    parseCorosyncConf(
      readFixture("pve-config/corosync-conf-pve-2node-qdevice-net-ffsplit-tls-homelab.conf"),
    ),
  );
}

const apiTwoNodes = (partial: Partial<ApiView> = {}) =>
  apiView({
    configNodes: [
      { name: "pve1", nodeId: 1, votes: 1, ring0Addr: "10.213.7.1" },
      { name: "pve2", nodeId: 2, votes: 1, ring0Addr: "10.213.7.2" },
    ],
    ...partial,
  });

describe("quorum.two-node-no-qdevice", () => {
  it("corosync.conf lists two nodes and no quorum.device → warning with the QDevice setup link", () => {
    const [finding, ...rest] = quorumTwoNodeNoQdevice(
      withConf(corosyncConf(["pve1", "pve2"]), corosyncConf(["pve1", "pve2"])),
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: "quorum.two-node-no-qdevice",
      severity: "warning",
      subject: "cluster",
      link: "/setup/qdevice?cluster=test",
      title: "Two-node cluster without a QDevice: one failure stops it",
    });
    expect(finding!.detail).toContain(
      "corosync.conf (read on pve1, config_version 3) lists pve1 and pve2 and has no quorum.device section",
    );
    expect(finding!.detail).toContain("With 2 votes and a quorum of 2");
    expect(finding!.remedy).toContain("corosync-qnetd");
    expect(finding!.remedy).toContain("corosync-qdevice");
    expect(finding!.remedy).toContain("pvecm qdevice setup <ip");
  });

  it("two_node: 1 in corosync.conf → still a warning, explained differently", () => {
    const [finding] = quorumTwoNodeNoQdevice(
      withConf(corosyncConf(["pve1", "pve2"], { twoNode: true, waitForAll: true })),
    );
    expect(finding!.title).toBe("Two-node cluster without a QDevice");
    expect(finding!.detail).toContain("two_node: 1");
  });

  it("no corosync.conf readable, the API lists two nodes → warning from the API's node list", () => {
    const snapshot = makeSnapshot({ api: apiTwoNodes(), nodes: [node("pve1"), node("pve2")] });
    const [finding] = quorumTwoNodeNoQdevice(snapshot);
    expect(finding!.detail).toContain("The Proxmox API lists pve1 and pve2");
    expect(finding!.link).toBe("/setup/qdevice?cluster=test");
  });

  it.each([
    ["the real PVE corosync.conf after `pvecm qdevice setup`", () => withConf(realConf())],
    ["three nodes", () => withConf(corosyncConf(["pve1", "pve2", "pve3"]))],
    [
      "two nodes and a QDevice",
      () => withConf(corosyncConf(["pve1", "pve2"], { qdevice: QDEVICE })),
    ],
    [
      "an older conf without QDevice next to the newest one with it",
      () =>
        withConf(
          corosyncConf(["pve1", "pve2"], { configVersion: 3 }),
          corosyncConf(["pve1", "pve2"], { configVersion: 4, qdevice: QDEVICE }),
        ),
    ],
    [
      "no corosync.conf, two nodes in the API, but corosync shows a registered Qdevice",
      () => {
        const parsed = parseCorosyncQuorumtool(
          readFixture("corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt"),
        );
        if (!parsed.ok) throw new Error(parsed.error.message);
        return makeSnapshot({
          api: apiTwoNodes(),
          nodes: [node("pve1", { report: report("pve1", { corosync: ok(parsed.value) }) })],
        });
      },
    ],
    [
      "no corosync.conf, two nodes in the API, and the API's QDevice answers Connected",
      () =>
        makeSnapshot({
          api: apiTwoNodes({
            qdevice: {
              state: "Connected",
              algorithm: "Fifty-Fifty split",
              qnetdHost: "10.0.0.9:5403",
              lastPoll: null,
              raw: {},
            },
          }),
          nodes: [node("pve1")],
        }),
    ],
    [
      "the only corosync.conf is in a stale report and the API is stale too",
      () =>
        makeSnapshot({
          api: failed<ApiView>({}, apiTwoNodes(), 60_000),
          nodes: [
            node("pve1", {
              agent: failed<AgentReport>(
                {},
                report("pve1", { corosyncConf: ok(corosyncConf(["pve1", "pve2"])) }),
                60_000,
              ),
            }),
          ],
        }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(quorumTwoNodeNoQdevice(build())).toEqual([]);
  });
});
