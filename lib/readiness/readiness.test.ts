import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyStep, materializeBase } from "@/demo/scenario-files";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { answerOf, rebootReadiness } from "./readiness";
import { rollingOrder } from "./rolling-order";
import { CHECK_IDS, type CheckId, type NodeReadiness, type RebootAnswer } from "./types";

const scenariosDir = path.resolve(import.meta.dirname, "../../scenarios");
const scratch = mkdtempSync(path.join(tmpdir(), "tb-readiness-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scenario = (name: string) => evaluateScenario(path.join(scenariosDir, name));

function byNode(readiness: NodeReadiness[], node: string): NodeReadiness {
  const found = readiness.find((r) => r.node === node);
  if (!found) throw new Error(`no readiness for ${node}`);
  return found;
}

function check(r: NodeReadiness, id: CheckId) {
  return r.checks.find((c) => c.id === id)!;
}

/** node → [answer, the check that decides it, words its reason must contain]. */
type Row = Record<string, [RebootAnswer, CheckId | null, RegExp | null]>;

const TABLE: [string, Row][] = [
  [
    "healthy-3-node",
    { pve1: ["yes", null, null], pve2: ["yes", null, null], pve3: ["yes", null, null] },
  ],
  [
    "two-node-no-qdevice",
    {
      pve1: ["no", "quorum", /Rebooting pve1 loses quorum \(1 of 2 votes, 2 needed\)/],
      pve2: ["no", "quorum", /Rebooting pve2 loses quorum/],
    },
  ],
  ["two-node-qdevice-connected", { pve1: ["yes", null, null], pve2: ["yes", null, null] }],
  [
    "agent-unreachable",
    {
      pve1: ["unknown", "others-back", /pve2's agent gives no fresh report/],
      pve2: ["unknown", "sources", /pve2's agent has not answered yet \(connection refused\)/],
      pve3: ["unknown", "others-back", /pve2's agent/],
    },
  ],
  [
    "api-unreachable",
    {
      pve1: ["unknown", "sources", /the Proxmox API has not answered yet/],
      pve2: ["unknown", "sources", /the Proxmox API/],
      pve3: ["unknown", "sources", /the Proxmox API/],
    },
  ],
  [
    "drbd9-nfs-ha",
    {
      pve1: ["no", "drbd", /pve1 is Primary for DRBD resource ha_nfs/],
      pve2: ["yes", null, null],
      pve3: ["yes", null, null],
    },
  ],
  ["drbd9-resync", { pve1: ["no", "drbd", /pve1 is Primary for DRBD resource r0/] }],
  [
    "drbd9-quorum-lost",
    {
      pve2: ["unknown", "sources", /pve2's agent has not answered yet/],
      pve3: ["no", "drbd", /pve3 holds the only UpToDate copy of DRBD resource linstor_db/],
    },
  ],
  [
    "drbd9-split-brain",
    {
      pve2: ["yes", null, null],
    },
  ],
  [
    "ha-maintenance-draining",
    { pve3: ["no", "ha-guests", /Maintenance mode is not complete: vm:102 is still on pve3/] },
  ],
  [
    "ha-maintenance-complete",
    {
      pve1: [
        "no",
        "ha-guests",
        /HA guests vm:100 and vm:102 run on pve1: put it in maintenance mode/,
      ],
      pve3: ["yes", null, null],
    },
  ],
  [
    "shared-storage-inactive",
    {
      pve1: ["no", "others-back", /pve2's storage nfs-images is not active/],
      pve2: ["yes", null, null],
    },
  ],
  [
    "rolling-upgrade-node-coming-back-timeline",
    {
      pve1: ["yes", null, null],
      pve2: [
        "no",
        "others-back",
        /pve1 is still coming back \(up 2 min; a node counts as back after 5 min\)/,
      ],
      pve3: ["no", "others-back", /pve1 is still coming back/],
    },
  ],
  ["ocfs2-kernel-upgrade-pending", { "pve-a": ["yes", null, null], "pve-b": ["yes", null, null] }],
];

describe("reboot readiness on scenarios", () => {
  it.each(TABLE)("%s", async (name, rows) => {
    const readiness = rebootReadiness(await scenario(name));
    for (const [node, [answer, decidedBy, reason]] of Object.entries(rows)) {
      const r = byNode(readiness, node);
      expect(r.answer, `${node}: ${JSON.stringify(r.checks)}`).toBe(answer);
      if (decidedBy === null) {
        expect(r.checks.filter((c) => c.level === "no" || c.level === "unknown")).toEqual([]);
      } else {
        expect(check(r, decidedBy).level).toBe(answer);
        expect(check(r, decidedBy).text).toMatch(reason!);
      }
    }
  });

  it("warns that rebooting pve-a creates the OCFS2 kernel skew, and not for pve-b whose running kernel is pinned", async () => {
    const readiness = rebootReadiness(await scenario("ocfs2-kernel-upgrade-pending"));
    const a = byNode(readiness, "pve-a");
    expect(a).toMatchObject({
      runningKernel: "6.2.16-20-pve",
      nextBootKernel: "6.5.13-1-pve",
      rebootPending: true,
    });
    expect(check(a, "ocfs2-kernel")).toMatchObject({ level: "warning" });
    expect(check(a, "ocfs2-kernel").text).toMatch(
      /pve-a will boot 6\.5\.13-1-pve while pve-b runs 6\.2\.16-20-pve on OCFS2 \/mnt\/ocfs2-vmstore: the reboot itself creates a kernel skew/,
    );
    expect(check(a, "ocfs2-kernel").text).toContain("proxmox-boot-tool kernel pin 6.2.16-20-pve");
    const b = byNode(readiness, "pve-b");
    expect(b).toMatchObject({ nextBootKernel: "6.2.16-20-pve", rebootPending: false });
    expect(check(b, "ocfs2-kernel").level).toBe("ok");
  });

  it("warns, without refusing, when a reboot leaves a DRBD resource one UpToDate copy", async () => {
    const r = byNode(rebootReadiness(await scenario("drbd9-split-brain")), "pve2");
    expect(check(r, "drbd")).toMatchObject({
      level: "warning",
      text: expect.stringMatching(
        /vm-104-disk-1 keeps a single UpToDate copy while pve2 reboots/,
      ) as unknown,
    });
  });

  it("warns, without refusing, when the next boot kernel of an OCFS2 node is not known", async () => {
    const readiness = rebootReadiness(await scenario("ocfs2-healthy"));
    const a = byNode(readiness, "pve-a");
    expect(a.answer).toBe("yes");
    expect(check(a, "ocfs2-kernel")).toMatchObject({ level: "warning" });
    expect(check(a, "ocfs2-kernel").text).toMatch(/The kernel pve-a boots next is not known/);
  });

  it("counts pve1 as back once its uptime passes the settle time", async () => {
    const view = await scenario("rolling-upgrade-node-coming-back-timeline");
    const readiness = rebootReadiness(view, { settleSeconds: 60 });
    expect(byNode(readiness, "pve2").answer).toBe("yes");
  });

  it("offers pve2 after the timeline step in which pve1 has settled", async () => {
    const name = "rolling-upgrade-node-coming-back-timeline";
    const work = path.join(scratch, name);
    materializeBase(path.join(scenariosDir, name), work);
    applyStep(path.join(scenariosDir, name, "pve1-settled"), work);
    const plan = rollingOrder(rebootReadiness(await evaluateScenario(work)));
    expect(plan.steps.map((s) => [s.node, s.state])).toEqual([
      ["pve1", "done"],
      ["pve2", "now"],
      ["pve3", "after-previous"],
    ]);
    expect(plan.sentence).toMatch(/^pve2 can be rebooted now/);
  });
});

describe("unknown is never safe, on every scenario", () => {
  const names = readdirSync(scenariosDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(scenariosDir, e.name, "scenario.json")))
    .map((e) => e.name);

  it("finds the scenarios", () => expect(names.length).toBeGreaterThan(30));

  it.each(names)("%s", async (name) => {
    const view: EvaluatedCluster = await scenario(name);
    const readiness = rebootReadiness(view);
    expect(readiness.map((r) => r.node)).toEqual(view.snapshot.nodes.map((n) => n.name));
    for (const r of readiness) {
      expect(r.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
      expect(r.answer).toBe(answerOf(r.checks));
      const node = view.snapshot.nodes.find((n) => n.name === r.node)!;
      if (!node.agent.fresh || !view.snapshot.api.fresh) {
        expect(r.answer, `${name} ${r.node}`).not.toBe("yes");
        expect(check(r, "sources").text).toMatch(/^Not known: /);
      }
      for (const c of r.checks) expect(c.text.length).toBeGreaterThan(0);
    }
  });
});
