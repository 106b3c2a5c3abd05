import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { parseTarget } from "./types";
import { UnknownTargetError, whatIf } from "./what-if";

const scenariosDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scenarios");
const NOW = Date.parse("2026-11-30T08:00:00Z");

/** [quorate, lostVotes] after that one target fails. */
type Outcome = [boolean, number];

// Worked out by hand from each scenario's corosync-quorumtool output, with votequorum's rule
// quorum = expected / 2 + 1 (rounded down, never lower than before) and qnetd's vote rules.
const THREE_NODES: Record<string, Outcome> = {
  // 3 × 1 vote, expected 3, quorum 2: any one node lost leaves 2 ≥ 2.
  pve1: [true, 1],
  pve2: [true, 1],
  pve3: [true, 1],
};
// 2 × 1 vote + QDevice 1 vote (ffsplit), expected 3, quorum 2: a lone survivor is exactly half of
// the nodes and the only one connected to qnetd, so it gets the vote: 2 ≥ 2. Without the QDevice: 2 ≥ 2.
const TWO_NODES_QDEVICE = (a: string, b: string): Record<string, Outcome> => ({
  [a]: [true, 1],
  [b]: [true, 1],
  qdevice: [true, 1],
});
// 2 × 1 vote, no QDevice, no two_node: expected 2, quorum 2; one node left has 1 < 2.
const TWO_NODES: Record<string, Outcome> = { pve1: [false, 1], pve2: [false, 1] };

const TABLE: Record<string, Record<string, Outcome>> = {
  "agent-unreachable": THREE_NODES,
  "api-unreachable": THREE_NODES,
  "ceph-health-err-osd-full": THREE_NODES,
  "ceph-health-warn-nearfull": THREE_NODES,
  "ceph-healthy": THREE_NODES,
  "ceph-mon-out-of-quorum": THREE_NODES,
  "clock-skew": THREE_NODES,
  "corosync-link-down-one-node": THREE_NODES,
  "corosync-link-latency-high": THREE_NODES,
  "corosync-single-link": THREE_NODES,
  "corosync-two-links-healthy": THREE_NODES,
  "drbd8-dual-primary-link-cut": TWO_NODES_QDEVICE("pve1", "pve2"),
  "drbd8-dual-primary-pve19": TWO_NODES_QDEVICE("pve1", "pve2"),
  "drbd84-pair": TWO_NODES_QDEVICE("pve1", "pve2"),
  "drbd9-dual-primary": THREE_NODES,
  "drbd9-nfs-ha": THREE_NODES,
  // pve2 is already out: pve1 and pve3 hold 2 of 3, quorum 2. Losing either leaves 1 < 2;
  // "losing" pve2 again changes nothing.
  "drbd9-quorum-lost": { pve1: [false, 1], pve2: [true, 0], pve3: [false, 1] },
  "drbd9-resync": THREE_NODES,
  "drbd9-split-brain": THREE_NODES,
  // pvecm expected 1 on the survivor: expected 1, quorum 1. Without pve1 no one is left; pve2 is already gone.
  "expected-votes-lowered": { pve1: [false, 1], pve2: [true, 0] },
  // pve3 is cut off (1 of 3, not quorate); pve1 + pve2 hold 2 of 3. Losing pve1 or pve2 leaves
  // two lone nodes with 1 < 2 each; losing pve3 changes nothing.
  "ha-fencing-risk-node-cut-off": { pve1: [false, 1], pve2: [false, 1], pve3: [true, 0] },
  "ha-maintenance-complete": THREE_NODES,
  "ha-maintenance-draining": THREE_NODES,
  "healthy-3-node": THREE_NODES,
  // 15 of 16 votes (pve16 down), quorum 9: one more node lost leaves 14 ≥ 9.
  "linstor-16-node-200-resources": {
    ...Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [`pve${String(i + 1).padStart(2, "0")}`, [true, 1]]),
    ),
    pve16: [true, 0],
  },
  // pve3 is down: as drbd9-quorum-lost with pve3 in pve2's place.
  "linstor-redundancy-3-satellite-down": { pve1: [false, 1], pve2: [false, 1], pve3: [true, 0] },
  "node-down-and-back-timeline": THREE_NODES,
  "ocfs2-healthy": TWO_NODES_QDEVICE("pve-a", "pve-b"),
  "ocfs2-kernel-skew-dio-errors": TWO_NODES_QDEVICE("pve-a", "pve-b"),
  "ocfs2-not-mounted-one-node": TWO_NODES_QDEVICE("pve-a", "pve-b"),
  "ocfs2-read-only": TWO_NODES_QDEVICE("pve-a", "pve-b"),
  "san-lvm-thick-shared": THREE_NODES,
  "shared-dir-without-mountpoint": THREE_NODES,
  "shared-storage-inactive": THREE_NODES,
  // 3 × 1 + QDevice 2 votes (lms), expected 5, quorum 3: a node lost leaves 2 + 2 = 4 ≥ 3; the
  // QDevice lost leaves 3 ≥ 3.
  "three-node-qdevice": {
    pve1: [true, 1],
    pve2: [true, 1],
    pve3: [true, 1],
    qdevice: [true, 2],
  },
  // Both halves already alone with 1 of 2, quorum 2: losing one leaves the other as it is.
  "two-node-link-cut": { pve1: [false, 0], pve2: [false, 0] },
  "two-node-no-qdevice": TWO_NODES,
  // pve1 alone, 1 of 2, not quorate: without it no one is left (1 vote lost); pve2 is already gone.
  "two-node-no-qdevice-node-down": { pve1: [false, 1], pve2: [false, 0] },
  // Before its first step the cluster has no QDevice yet.
  "two-node-qdevice-added-timeline": TWO_NODES,
  "two-node-qdevice-connected": TWO_NODES_QDEVICE("pve1", "pve2"),
  // pve1 + the QDevice hold 2 of 3: losing pve1 leaves nothing (2 votes); the QDevice, 1 < 2.
  "two-node-qdevice-node-down": { pve1: [false, 2], pve2: [true, 0], qdevice: [false, 1] },
  // qnetd down: the QDevice votes 0, the nodes hold 2 of 3. One node lost leaves 1 < 2; the
  // QDevice lost changes nothing.
  "two-node-qdevice-qnetd-down": { pve1: [false, 1], pve2: [false, 1], qdevice: [true, 0] },
};

const views = new Map<string, EvaluatedCluster>();

beforeAll(async () => {
  for (const name of Object.keys(TABLE)) {
    views.set(name, await evaluateScenario(path.join(scenariosDir, name), NOW));
  }
});

describe("what-if over every scenario: one node or the QDevice fails", () => {
  for (const [scenario, outcomes] of Object.entries(TABLE)) {
    it(`${scenario}: ${Object.entries(outcomes)
      .map(([t, [q, l]]) => `${t} ${q ? "holds" : "lost"}/${l}`)
      .join(", ")}`, () => {
      const view = views.get(scenario)!;
      const got = Object.fromEntries(
        Object.keys(outcomes).map((t) => {
          const r = whatIf(view, [parseTarget(t)]);
          return [t, [r.quorate, r.lostVotes]];
        }),
      );
      expect(got).toEqual(outcomes);
    });
  }

  it("covers every node of every scenario in the table", () => {
    for (const [scenario, outcomes] of Object.entries(TABLE)) {
      const view = views.get(scenario)!;
      expect(
        Object.keys(outcomes)
          .filter((t) => t !== "qdevice")
          .sort(),
      ).toEqual(view.snapshot.nodes.map((n) => n.name).sort());
      expect("qdevice" in outcomes).toBe(!["none", "unknown"].includes(view.summary.qdevice));
    }
  });

  it("every other scenario folder gets an answer for each node without throwing", async () => {
    const others = readdirSync(scenariosDir).filter(
      (n) => !(n in TABLE) && existsSync(path.join(scenariosDir, n, "scenario.json")),
    );
    for (const name of others) {
      const view = await evaluateScenario(path.join(scenariosDir, name), NOW);
      for (const node of view.snapshot.nodes) {
        const r = whatIf(view, [{ kind: "node", node: node.name }]);
        expect([true, false, null]).toContain(r.quorate);
      }
    }
  });

  it("a QDevice target on a cluster without one, or an unknown node, is refused", () => {
    const view = views.get("healthy-3-node")!;
    expect(() => whatIf(view, [{ kind: "qdevice" }])).toThrow(UnknownTargetError);
    expect(() => whatIf(view, [{ kind: "node", node: "pve9" }])).toThrow(/pve1, pve2 and pve3/);
    expect(() => whatIf(view, [{ kind: "link", linkId: 1 }])).toThrow(/link 0/);
  });
});
