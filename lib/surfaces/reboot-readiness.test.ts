import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { rebootModelSchema, toRebootModel, type RebootModel } from "./reboot-readiness";

const scenariosDir = path.resolve(import.meta.dirname, "../../scenarios");

async function model(name: string): Promise<RebootModel> {
  return toRebootModel(await evaluateScenario(path.join(scenariosDir, name)));
}

function node(m: RebootModel, name: string) {
  const found = m.nodes.find((n) => n.node === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
}

describe("toRebootModel", () => {
  it.each([
    "healthy-3-node",
    "two-node-no-qdevice",
    "agent-unreachable",
    "api-unreachable",
    "ocfs2-kernel-upgrade-pending",
    "rolling-upgrade-node-coming-back-timeline",
  ])("%s: matches its schema after a JSON round trip, as the browser receives it", async (name) => {
    const m = await model(name);
    expect(rebootModelSchema.parse(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it("says yes in green when every check passes", async () => {
    const m = await model("healthy-3-node");
    expect(node(m, "pve1")).toMatchObject({ word: "Yes", tone: "ok", headline: null });
    expect(node(m, "pve1").checks.map((c) => c.label)).toEqual([
      "Data",
      "Quorum without it",
      "DRBD",
      "OCFS2 kernels",
      "HA guests",
      "Other nodes back",
    ]);
  });

  it("puts the deciding reason in the headline of a no", async () => {
    const m = await model("two-node-no-qdevice");
    expect(node(m, "pve2")).toMatchObject({
      answer: "no",
      word: "No",
      tone: "crit",
      headline: expect.stringMatching(/^Rebooting pve2 loses quorum/) as unknown,
    });
  });

  it("names the missing source in the headline of an unknown", async () => {
    const m = await model("agent-unreachable");
    expect(node(m, "pve2")).toMatchObject({
      word: "Unknown",
      tone: "unknown",
      headline: expect.stringMatching(/pve2's agent has not answered yet/) as unknown,
    });
  });

  it("says yes with a warning, and which, when the reboot creates an OCFS2 kernel skew", async () => {
    const m = await model("ocfs2-kernel-upgrade-pending");
    expect(node(m, "pve-a")).toMatchObject({
      word: "Yes, with a warning",
      tone: "warn",
      headline: expect.stringMatching(/creates a kernel skew/) as unknown,
      runningKernel: "6.2.16-20-pve",
      nextBootKernel: "6.5.13-1-pve",
    });
  });

  it("numbers the rolling order and words each step", async () => {
    const m = await model("rolling-upgrade-node-coming-back-timeline");
    expect(m.plan.steps).toEqual([
      { position: 1, node: "pve1", state: "done", stateWord: "Runs its next kernel", tone: "ok" },
      { position: 2, node: "pve2", state: "blocked", stateWord: "Blocked", tone: "crit" },
      { position: 3, node: "pve3", state: "blocked", stateWord: "Blocked", tone: "crit" },
    ]);
    expect(m.plan.offered).toBeNull();
    expect(m.plan.sentence).toMatch(
      /^No node can be rebooted safely now\. .*pve1 is still coming back/,
    );
  });

  it("judges a view once, however many viewers ask", async () => {
    const view = await evaluateScenario(path.join(scenariosDir, "healthy-3-node"));
    expect(toRebootModel(view)).toBe(toRebootModel(view));
  });
});
