import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import type { CorosyncQuorum } from "@/lib/parsers/corosync-quorumtool";
import type { ApiView } from "@/lib/snapshot/types";
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
import { nodeOffline } from "./node-offline";
import { lab, pve3CutOff } from "./quorum-test-helpers";

const three = corosyncConf(["pve1", "pve2", "pve3"]);
const two = corosyncConf(["pve1", "pve2"]);

function member(name: string, q: CorosyncQuorum, conf = three) {
  return node(name, { report: report(name, { corosync: ok(q), corosyncConf: ok(conf) }) });
}

function api(answeredBy: string, online: Record<string, boolean>): ApiView {
  return apiView({
    answeredBy,
    status: {
      clusterName: "lab",
      quorate: true,
      nodeCount: Object.keys(online).length,
      configVersion: 3,
      nodes: Object.entries(online).map(([name, isOnline], i) => ({
        name,
        nodeId: i + 1,
        ip: null,
        online: isOnline,
        local: name === answeredBy,
      })),
    },
  });
}

const majority = lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt");

describe("node.offline", () => {
  it("pve3 is down: the quorate pve1 and pve2 do not list it and the API says offline → warning for node:pve3", () => {
    const snapshot = makeSnapshot({
      api: api("pve1", { pve1: true, pve2: true, pve3: false }),
      nodes: [member("pve1", majority), member("pve2", majority), node("pve3", { report: null })],
    });
    const findings = nodeOffline(snapshot);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "node.offline",
      severity: "warning",
      subject: "node:pve3",
      title: "pve3 is offline",
    });
    expect(findings[0]!.detail).toContain(
      "pve1 and pve2 (quorate, ring 1.d) list members pve1 and pve2, not pve3.",
    );
    expect(findings[0]!.detail).toContain(
      "The Proxmox API (answered by pve1) reports pve3 offline.",
    );
    expect(findings[0]!.detail).toContain("Its agent does not answer either.");
  });

  it("the quorate survivor after `pvecm expected 1` lists only itself → warning for the missing peer", () => {
    const alone = quorum({
      expectedVotes: 1,
      totalVotes: 1,
      quorum: 1,
      members: [{ nodeId: 1, name: "pve1", local: true }],
    });
    const snapshot = makeSnapshot({
      api: apiView({
        answeredBy: null,
        status: {
          clusterName: "lab",
          quorate: true,
          nodeCount: 2,
          configVersion: 3,
          nodes: [
            { name: "pve1", nodeId: 1, ip: null, online: true, local: true },
            { name: "pve2", nodeId: 2, ip: null, online: false, local: false },
          ],
        },
      }),
      nodes: [member("pve1", alone, two), node("pve2", { report: null })],
    });
    const [finding] = nodeOffline(snapshot);
    expect(finding!.detail).toBe(
      "pve1 (quorate, ring 1.10) lists only itself as a member, not pve2. The Proxmox API (answered by pve1) reports pve2 offline. Its agent does not answer either.",
    );
  });

  it("pve3 is up but cut off: its agent answers and sees only itself → warning, cut off, link remedy", () => {
    const snapshot = makeSnapshot({
      api: api("pve1", { pve1: true, pve2: true, pve3: false }),
      nodes: [member("pve1", majority), member("pve2", majority), member("pve3", pve3CutOff)],
    });
    const [finding, ...rest] = nodeOffline(snapshot);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      subject: "node:pve3",
      title: "pve3 is running but cut off from the cluster",
    });
    expect(finding!.detail).toContain("pve3 itself answers and sees only itself (Quorate: No).");
    expect(finding!.remedy).toContain("corosync-cfgtool -s");
  });

  it("two-node trap: pve1 is not quorate and sees only itself, pve2's agent is down → warning for node:pve2 only", () => {
    const snapshot = makeSnapshot({
      api: api("pve1", { pve1: true, pve2: false }),
      nodes: [
        member("pve1", lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt"), two),
        node("pve2", { report: null }),
      ],
    });
    const findings = nodeOffline(snapshot);
    expect(findings.map((f) => f.subject)).toEqual(["node:pve2"]);
    expect(findings[0]!.detail).toContain(
      "No answering node lists pve2 as a member: pve1 sees only pve1.",
    );
  });

  it("the API answered by pve1 reports pve2 offline while corosync on pve1 and pve2 lists it → warning, pve-cluster remedy", () => {
    const healthy = lab("quorumtool-s-2node-noqdevice-healthy.txt");
    const snapshot = makeSnapshot({
      api: api("pve1", { pve1: true, pve2: false }),
      nodes: [member("pve1", healthy, two), member("pve2", healthy, two)],
    });
    const [finding] = nodeOffline(snapshot);
    expect(finding).toMatchObject({ subject: "node:pve2", title: "pve2 is offline in Proxmox" });
    expect(finding!.detail).toContain("Corosync on pve1 and pve2 lists pve2 as a member.");
    expect(finding!.remedy).toContain("pve-cluster");
  });

  it("no agent answers and the fresh API reports pve2 offline → warning from the API alone", () => {
    const snapshot = makeSnapshot({
      api: api("pve1", { pve1: true, pve2: false }),
      nodes: [node("pve1", { report: null }), node("pve2", { report: null })],
    });
    const findings = nodeOffline(snapshot);
    expect(findings.map((f) => f.subject)).toEqual(["node:pve2"]);
    expect(findings[0]!.detail).toBe("The Proxmox API (answered by pve1) reports pve2 offline.");
  });

  it("the API answered by the cut-off pve3 calls the others offline, but the quorate majority lists them → only pve3", () => {
    const snapshot = makeSnapshot({
      api: api("pve3", { pve1: false, pve2: false, pve3: true }),
      nodes: [member("pve1", majority), member("pve2", majority), member("pve3", pve3CutOff)],
    });
    expect(nodeOffline(snapshot).map((f) => f.subject)).toEqual(["node:pve3"]);
  });

  it.each([
    [
      "a healthy three-node cluster",
      () =>
        makeSnapshot({
          nodes: ["pve1", "pve2", "pve3"].map((n) =>
            member(n, lab("quorumtool-s-3node-healthy.txt")),
          ),
        }),
    ],
    [
      "`pvecm status`-style output that prints addresses instead of names",
      () =>
        makeSnapshot({
          nodes: [
            member("pve1", lab("quorumtool-siH-2node-qdevice-connected-pvecm-style.txt"), two),
          ],
        }),
    ],
    [
      "both halves of a cut two-node cluster answer and see themselves (quorum.partitioned covers it)",
      () =>
        makeSnapshot({
          api: api("pve1", { pve1: true, pve2: false }),
          nodes: [
            member("pve1", lab("quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt"), two),
            member("pve2", lab("quorumtool-s-2node-noqdevice-other-side-of-cut.txt"), two),
          ],
        }),
    ],
    [
      "everything stale, last seen with pve3 missing",
      () =>
        makeSnapshot({
          api: failed<ApiView>({}, api("pve1", { pve1: true, pve2: true, pve3: false }), 60_000),
          nodes: [
            node("pve1", {
              agent: failed<AgentReport>(
                {},
                report("pve1", { corosync: ok(majority), corosyncConf: ok(three) }),
                60_000,
              ),
            }),
          ],
        }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(nodeOffline(build())).toEqual([]);
  });
});
