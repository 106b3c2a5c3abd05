import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateCluster, type EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { loadScenarioState } from "@/replay/load";
import { parseTarget } from "./types";
import { whatIf, whatIfQuorum } from "./what-if";

const scenariosDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scenarios");
const NOW = Date.parse("2026-11-30T08:00:00Z");
const load = (name: string) => evaluateScenario(path.join(scenariosDir, name), NOW);
const fail = (view: EvaluatedCluster, ...targets: string[]) =>
  whatIf(view, targets.map(parseTarget));

/** What evaluate prints, reduced to what must match: the summary and each finding's rule, subject and severity. */
const judged = (view: EvaluatedCluster) => ({
  summary: view.summary,
  findings: view.findings.map((f) => `${f.rule} ${f.subject} ${f.severity}`),
});

describe("parseTarget", () => {
  it("reads node names, qdevice and link:N as the CLI writes them", () => {
    expect(parseTarget("pve2")).toEqual({ kind: "node", node: "pve2" });
    expect(parseTarget("qdevice")).toEqual({ kind: "qdevice" });
    expect(parseTarget("link:1")).toEqual({ kind: "link", linkId: 1 });
  });

  it.each(["link:", "link:x", "link:9", "", "pve 2", "-rf"])(
    "refuses %j with a clear message",
    (t) => {
      expect(() => parseTarget(t)).toThrow(/unknown failure target/);
    },
  );
});

describe("the cluster afterwards is what the dashboard reads from a captured cluster in that state", () => {
  it.each([
    ["two-node-qdevice-connected", "pve2", "two-node-qdevice-node-down"],
    ["two-node-no-qdevice", "pve2", "two-node-no-qdevice-node-down"],
    ["two-node-qdevice-connected", "qdevice", "two-node-qdevice-qnetd-down"],
  ])("%s with %s failed reads as %s", async (from, target, captured) => {
    const predicted = fail(await load(from), target);
    expect(judged(predicted.after)).toEqual(judged(await load(captured)));
  });

  it("newFindings are the rule ids present afterwards and not before", async () => {
    const result = fail(await load("two-node-no-qdevice"), "pve2");
    expect(result.newFindings).toEqual(["node.unreachable", "quorum.lost", "node.offline"]);
    expect(result.quorate).toBe(false);
  });
});

describe("a corosync link fails on every node", () => {
  it("with a second connected link, nothing splits", async () => {
    const view = await load("corosync-two-links-healthy");
    for (const link of ["link:0", "link:1"]) {
      const r = fail(view, link);
      expect([r.quorate, r.lostVotes, r.partitions.length]).toEqual([true, 0, 1]);
      expect(r.newFindings).toContain("corosync.link-down");
    }
  });

  it("the only link down leaves every node alone: quorum is lost, 2 of 3 votes gone", async () => {
    const r = fail(await load("corosync-single-link"), "link:0");
    expect(r.quorate).toBe(false);
    expect(r.lostVotes).toBe(2);
    expect(r.partitions.map((p) => p.members)).toEqual([["pve1"], ["pve2"], ["pve3"]]);
    expect(r.breaks[0]).toBe("The cluster splits into pve1 | pve2 | pve3.");
    expect(r.after.summary.quorate).toBe(false);
  });

  it("a node whose other link is already down splits off; the other two keep quorum", async () => {
    const r = fail(await load("corosync-link-down-one-node"), "link:0");
    expect(r.quorate).toBe(true);
    expect(r.lostVotes).toBe(1);
    expect(r.partitions.map((p) => [p.members, p.quorate])).toEqual([
      [["pve1", "pve3"], true],
      [["pve2"], false],
    ]);
    expect(r.newFindings).toContain("quorum.partitioned");
  });

  it("with one link configured, its failure cuts every node off even where no agent reports links", async () => {
    const r = whatIfQuorum(await load("drbd9-nfs-ha"), [parseTarget("link:0")]);
    expect(r.quorate).toBe(false);
    expect(r.partitions).toHaveLength(3);
  });

  it("a second link whose state nobody reports makes the answer unknown, never a guess", async () => {
    const view = await load("corosync-two-links-healthy");
    const noLinks: EvaluatedCluster = {
      ...view,
      snapshot: {
        ...view.snapshot,
        nodes: view.snapshot.nodes.map((n) => ({
          ...n,
          agent: {
            ...n.agent,
            data: n.agent.data && {
              ...n.agent.data,
              sections: {
                ...n.agent.data.sections,
                links: {
                  status: "absent",
                  source: "corosync-cfgtool.txt",
                  reason: "not-installed",
                  message: "this agent version does not report corosync links",
                },
              },
            },
          },
        })),
      },
    };
    const r = whatIfQuorum(noLinks, [parseTarget("link:0")]);
    expect(r.quorate).toBeNull();
    expect(r.unknownBecause[0]).toMatch(/Whether pve1 and pve2 still reach each other/);
  });
});

describe("unknown stays unknown", () => {
  it("stale reports give quorate null and name every node's source and age", async () => {
    const state = await loadScenarioState(path.join(scenariosDir, "healthy-3-node"), NOW);
    const stale = evaluateCluster({ ...state, nowMs: NOW + 10 * 60_000 });
    const r = fail(stale, "pve2");
    expect(r.quorate).toBeNull();
    expect(r.unknownBecause.join(" ")).toMatch(/pve1's last report is 10 min old/);
    expect(r.unknownBecause.join(" ")).toMatch(/pve3/);
    expect(r.votes).toBeNull();
  });

  it("an unreachable agent whose node others still list does not make the answer unknown", async () => {
    const r = fail(await load("agent-unreachable"), "pve1");
    expect(r.quorate).toBe(true);
  });
});

describe("what else breaks", () => {
  it("DRBD: the Primary on the failed node, and the last UpToDate copy", async () => {
    expect(fail(await load("drbd9-nfs-ha"), "pve1").breaks).toEqual([
      "DRBD ha_nfs loses its Primary pve1: what runs on it stops; an UpToDate copy remains on pve2 and pve3.",
    ]);
    expect(fail(await load("drbd9-resync"), "pve1").breaks).toContain(
      "DRBD r0 loses its last UpToDate copy (on pve1): its data is unavailable until that node returns.",
    );
    expect(fail(await load("drbd84-pair"), "pve1").breaks).toEqual([
      "DRBD r0 loses its Primary pve1: what runs on it stops; an UpToDate copy remains on pve2.",
    ]);
  });

  it("OCFS2: a volume loses a node that mounts it", async () => {
    expect(fail(await load("ocfs2-healthy"), "pve-a").breaks).toEqual([
      "OCFS2 /mnt/ocfs2-vmstore loses pve-a: I/O on pve-b waits until o2cb declares it dead and replays its journal.",
    ]);
  });

  it("HA: guests move when quorum holds, are lost with it, and nodes left without quorum fence", async () => {
    const view = await load("ha-fencing-risk-node-cut-off");
    expect(fail(view, "pve3").breaks).toEqual([
      "HA guest vm:102 on pve3 must move: HA restarts it on the quorate nodes once pve3 is fenced (about 2 minutes).",
    ]);
    const lost = fail(view, "pve1");
    expect(lost.quorate).toBe(false);
    expect(lost.breaks).toEqual([
      "HA guest vm:100 on pve1 is lost with quorum: no quorate node is left to recover it.",
      "pve2 is left without quorum with 1 HA guest (vm:101): it fences itself after about 60 s.",
      "pve3 is left without quorum with 1 HA guest (vm:102): it fences itself after about 60 s.",
    ]);
    expect(
      lost.after.findings
        .filter((f) => f.rule === "ha.quorum-lost-fencing-risk")
        .map((f) => f.subject),
    ).toEqual(["node:pve2", "node:pve3"]);
  });
});

describe("several failures and assumed QDevices", () => {
  it("three nodes + QDevice (lms, 2 votes): two nodes may go (1 + 2 = 3 of 5), a node and the QDevice may not", async () => {
    const view = await load("three-node-qdevice");
    expect(fail(view, "pve1", "pve2").quorate).toBe(true);
    expect(fail(view, "pve1", "qdevice")).toMatchObject({ quorate: false, lostVotes: 3 });
    expect(fail(view, "pve1", "pve2", "pve3")).toMatchObject({ quorate: false, votes: null });
  });

  it("the wizard's question: a two-node cluster with a QDevice keeps quorum when a node fails", async () => {
    const view = await load("two-node-no-qdevice");
    const target = [parseTarget("pve2")];
    expect(whatIfQuorum(view, target).quorate).toBe(false);
    expect(
      whatIfQuorum(view, target, { qdevice: { votes: 1, algorithm: "ffsplit" } }),
    ).toMatchObject({
      quorate: true,
      votes: { total: 2, expected: 3, quorum: 2 },
    });
  });

  it("and without its QDevice, a two-node cluster does not", async () => {
    const view = await load("two-node-qdevice-connected");
    expect(whatIfQuorum(view, [parseTarget("pve1")], { qdevice: null })).toMatchObject({
      quorate: false,
      votes: { total: 1, expected: 2, quorum: 2 },
    });
  });
});
