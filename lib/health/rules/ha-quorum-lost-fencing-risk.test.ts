import { describe, expect, it } from "vitest";
import type { ApiView } from "@/lib/snapshot/types";
import { failed, makeSnapshot, node, ok, quorum, report } from "../test-helpers";
import { haQuorumLostFencingRisk } from "./ha-quorum-lost-fencing-risk";
import { haApi, service } from "./ha-test-helpers";
import { lab, pve3CutOff } from "./quorum-test-helpers";

const majority = lab("quorumtool-s-3node-one-cut-quorate-no-margin.txt");
const member = (name: string, q = majority) =>
  node(name, { report: report(name, { corosync: ok(q) }) });
const pve3Runs = [service("vm:100", "pve1"), service("vm:102", "pve3")];

describe("ha.quorum-lost-fencing-risk", () => {
  it("pve3 reports Quorate: No and the HA manager places a started guest on it → critical for node:pve3, about 60 s", () => {
    const snapshot = makeSnapshot({
      api: haApi({ services: pve3Runs, lrm: { pve3: { mode: "active", state: "active" } } }),
      nodes: [member("pve1"), member("pve2"), member("pve3", pve3CutOff)],
    });
    const findings = haQuorumLostFencingRisk(snapshot);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "ha.quorum-lost-fencing-risk",
      severity: "critical",
      subject: "node:pve3",
      title: "pve3 will fence itself in about 60 s: it has lost quorum with 1 HA guest on it",
    });
    expect(findings[0]!.detail).toContain("pve3's corosync reports Quorate: No.");
    expect(findings[0]!.detail).toContain("vm:102 (started)");
    expect(findings[0]!.detail).toContain("the watchdog is armed");
    expect(findings[0]!.remedy).toContain("pvecm expected 1");
  });

  it("only the API answers, from a node without quorum (quorate 0 and the HA quorum entry) → critical for that node", () => {
    const snapshot = makeSnapshot({
      api: haApi({
        answeredBy: "pve2",
        apiQuorate: false,
        quorum: { node: "pve2", quorate: false },
        services: [service("vm:101", "pve2", "migrate", "pve1"), service("ct:200", "pve2")],
      }),
      nodes: [
        node("pve1", { report: null }),
        node("pve2", { report: null }),
        node("pve3", { report: null }),
      ],
    });
    const [finding] = haQuorumLostFencingRisk(snapshot);
    expect(finding).toMatchObject({
      subject: "node:pve2",
      title: "pve2 will fence itself in about 60 s: it has lost quorum with 2 HA guests on it",
    });
    expect(finding!.detail).toContain("The Proxmox API answered by pve2 reports quorate 0");
    expect(finding!.detail).toContain("ct:200 (started) and vm:101 (migrate)");
  });

  it("both halves of a two-node cluster lose quorum, each with an HA guest → one critical finding per node", () => {
    const alone = (id: number) =>
      quorum({
        quorate: false,
        totalVotes: 1,
        quorum: 2,
        members: [{ nodeId: id, name: `pve${id}`, local: true }],
      });
    const snapshot = makeSnapshot({
      api: haApi({ services: [service("vm:100", "pve1"), service("vm:101", "pve2")] }),
      nodes: [member("pve1", alone(1)), member("pve2", alone(2))],
    });
    expect(haQuorumLostFencingRisk(snapshot).map((f) => f.subject)).toEqual([
      "node:pve1",
      "node:pve2",
    ]);
  });

  it.each([
    [
      "pve3 has no quorum but only stopped, frozen or errored HA guests",
      () =>
        makeSnapshot({
          api: haApi({
            services: [
              service("vm:102", "pve3", "stopped"),
              service("vm:103", "pve3", "freeze"),
              service("vm:104", "pve3", "error"),
            ],
          }),
          nodes: [member("pve1"), member("pve3", pve3CutOff)],
        }),
    ],
    [
      "pve3 has no quorum and no HA guest (its guests are not HA-managed)",
      () =>
        makeSnapshot({
          api: haApi({ services: [service("vm:100", "pve1")] }),
          nodes: [member("pve1"), member("pve3", pve3CutOff)],
        }),
    ],
    [
      "every node is quorate",
      () =>
        makeSnapshot({
          api: haApi({ services: pve3Runs }),
          nodes: [member("pve1"), member("pve3")],
        }),
    ],
    [
      "no HA data (the API is stale)",
      () =>
        makeSnapshot({
          api: failed<ApiView>({}, haApi({ services: pve3Runs }), 60_000),
          nodes: [member("pve3", pve3CutOff)],
        }),
    ],
    [
      "a cluster without HA (manager_status {})",
      () => makeSnapshot({ nodes: [member("pve3", pve3CutOff)] }),
    ],
  ])("%s → no finding", (_name, build) => {
    expect(haQuorumLostFencingRisk(build())).toEqual([]);
  });
});
