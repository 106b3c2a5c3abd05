import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ReportSections } from "@/lib/agents/schema";
import type { CollectedState } from "@/lib/snapshot/build-snapshot";
import { SCENARIO_INTERVAL_MS, loadScenarioState } from "@/replay/load";
import {
  toQdeviceSetupModel,
  type CheckState,
  type QdeviceSetupModel,
  type WizardInputs,
} from "./qdevice-setup";
import type {
  ReachabilityProbe,
  WizardFlow,
  WizardRun,
  WizardStepId,
} from "./qdevice-setup-progress";
import { T0, evaluated, scenariosDir } from "./test-helpers";

const HOST = "10.213.7.100";
const AT = "2026-11-30T08:00:00.000Z";

function run(flow: WizardFlow, extra: Partial<WizardRun> = {}): WizardRun {
  return {
    id: "run-1",
    clusterId: "test",
    flow,
    qnetdHost: flow === "setup" ? HOST : null,
    started: { by: "alice", at: AT },
    marks: [],
    probe: null,
    finished: null,
    events: [],
    ...extra,
  };
}

const marked = (...steps: WizardStepId[]) =>
  steps.map((step) => ({ step, by: "bob", at: "2026-11-30T08:05:09.000Z" }));

const probe = (reachable: boolean, error: string | null = null): ReachabilityProbe => ({
  host: HOST,
  reachable,
  ms: reachable ? 3 : null,
  error,
  at: AT,
  by: "alice",
});

type Tweak = (state: CollectedState) => CollectedState;

/** Replaces one report section on the named nodes (all when none are named). */
function section<K extends keyof ReportSections>(
  name: K,
  value: (node: string) => ReportSections[K],
  nodes?: string[],
): Tweak {
  return (state) => {
    const agents = new Map(state.agents);
    for (const [node, memory] of agents) {
      if (!memory.data || (nodes && !nodes.includes(node))) continue;
      const sections = { ...memory.data.sections, [name]: value(node) };
      agents.set(node, { ...memory, data: { ...memory.data, sections } });
    }
    return { ...state, agents };
  };
}

const daemonDown = section("qdevice", () => ({
  status: "absent",
  source: "corosync-qdevice-tool.txt",
  reason: "unavailable",
  message: "Can't connect to QDevice socket (is QDevice running?): No such file or directory",
}));

/** The qdevice tool output of a scenario where it runs and is connected. */
async function connectedTool(): Promise<Tweak> {
  const other = await loadScenarioState(path.join(scenariosDir, "two-node-qdevice-connected"), T0);
  return section("qdevice", (node) => other.agents.get(node)!.data!.sections.qdevice);
}

async function model(
  scenario: string,
  inputs: Partial<WizardInputs> = {},
  ...tweaks: Tweak[]
): Promise<QdeviceSetupModel> {
  const view = await evaluated(scenario, (state) =>
    tweaks.reduce((acc, tweak) => tweak(acc), state),
  );
  return toQdeviceSetupModel(view, null, { run: null, flow: null, ...inputs });
}

const states = (m: QdeviceSetupModel) =>
  Object.fromEntries(m.steps.map((s) => [s.id, s.check.state]));
const preflight = (m: QdeviceSetupModel) =>
  Object.fromEntries(m.preflight.map((c) => [c.id, c.state]));
const commands = (m: QdeviceSetupModel, id: WizardStepId) =>
  m.steps.find((s) => s.id === id)!.commands.map((c) => `${c.where}: ${c.text}`);
const stepCheck = (m: QdeviceSetupModel, id: WizardStepId) =>
  m.steps.find((s) => s.id === id)!.check;

describe("QDevice wizard: preflight", () => {
  it.each<[string, string, Partial<WizardInputs>, Record<string, CheckState>]>([
    [
      "two nodes, no QDevice, corosync-qdevice not installed → go, but install it and type a host",
      "two-node-no-qdevice",
      {},
      {
        "node-count": "ok",
        "nodes-online": "ok",
        "qdevice-installed": "failed",
        "qnetd-reachable": "pending",
      },
    ],
    [
      "three nodes asked for setup → odd count is a warning that explains --force and lms",
      "healthy-3-node",
      { flow: "setup" },
      { "node-count": "warn", "nodes-online": "ok" },
    ],
    [
      "a QDevice already configured, setup asked for without a run → already configured, offer removal",
      "three-node-qdevice",
      { flow: "setup" },
      { "node-count": "warn" },
    ],
    [
      "a node down → not every node online",
      "two-node-no-qdevice-node-down",
      {},
      { "nodes-online": "failed" },
    ],
  ])("%s", async (_name, scenario, inputs, want) => {
    expect(preflight(await model(scenario, inputs))).toMatchObject(want);
  });

  it("explains the odd node count: --force, lms, N-1 votes", async () => {
    const m = await model("healthy-3-node", { flow: "setup" });
    const count = m.preflight.find((c) => c.id === "node-count")!;
    expect(count.seen).toContain("3 nodes");
    expect(count.seen).toContain("`--force`");
    expect(count.seen).toContain("lms (last man standing)");
    expect(count.seen).toContain("nodes − 1 votes");
    expect(commands(m, "run-setup")).toEqual([
      expect.stringMatching(/: pvecm qdevice setup <qnetd-ip> --force$/),
    ]);
  });

  it("a configured QDevice suggests the removal flow and shows its state", async () => {
    const m = await model("two-node-qdevice-qnetd-down");
    expect(m.suggestedFlow).toBe("remove");
    expect(m.flow).toBe("remove");
    expect(m.qdevice).toEqual({ configured: true, state: "not-voting", host: HOST });
    expect(m.preflight[0]!.seen).toContain(`host ${HOST}, algorithm ffsplit, 1 vote`);
    expect(m.preflight[0]!.seen).toContain("not voting on every node");
  });

  it("names the node without corosync-qdevice and what to run there", async () => {
    const m = await model(
      "two-node-no-qdevice",
      {},
      daemonDown,
      section(
        "qdevice",
        () => ({
          status: "absent",
          source: "corosync-qdevice-tool.txt",
          reason: "not-installed",
          message: "not found",
        }),
        ["pve2"],
      ),
    );
    const installed = m.preflight.find((c) => c.id === "qdevice-installed")!;
    expect(installed.state).toBe("failed");
    expect(installed.lines.map((l) => [l.subject, l.state])).toEqual([
      ["pve1", "ok"],
      ["pve2", "failed"],
    ]);
    expect(installed.tryThis).toBe("On pve2: apt install -y corosync-qdevice");
  });

  it.each<[string, ReachabilityProbe | null, CheckState, RegExp]>([
    ["not probed yet → waiting", null, "pending", /not checked yet/],
    [
      "probe answered → ok with the time taken",
      probe(true),
      "ok",
      /reached 10\.213\.7\.100:5403 in 3 ms \(checked by alice at 08:00:00 UTC\)/,
    ],
    [
      "connection refused → failed, nothing listens",
      probe(false, "connection refused (ECONNREFUSED)"),
      "failed",
      /could not reach 10\.213\.7\.100:5403: connection refused/,
    ],
  ])("qnetd reachability: %s", async (_name, p, want, seen) => {
    const m = await model("two-node-no-qdevice", { run: run("setup", { probe: p }) });
    const c = m.preflight.find((x) => x.id === "qnetd-reachable")!;
    expect(c.state).toBe(want);
    expect(c.seen).toMatch(seen);
    if (want === "failed") expect(c.tryThis).toContain("Nothing listens on TCP 5403");
  });

  it("a probe of another host than the run's is not taken for this one", async () => {
    const m = await model("two-node-no-qdevice", {
      run: run("setup", { probe: { ...probe(true), host: "10.9.9.9" } }),
    });
    expect(m.preflight.find((x) => x.id === "qnetd-reachable")!.state).toBe("pending");
  });
});

describe("QDevice wizard: setup steps", () => {
  it("fills every command with the cluster's names, addresses and the typed host", async () => {
    const m = await model("two-node-no-qdevice", { run: run("setup") });
    expect(commands(m, "install-qnetd")).toEqual([
      `on the qnetd host (${HOST}): apt update && apt install -y corosync-qnetd`,
      `on the qnetd host (${HOST}): systemctl enable --now corosync-qnetd`,
    ]);
    expect(commands(m, "install-qdevice")).toEqual([
      "on pve1 (10.213.7.1): apt install -y corosync-qdevice",
      "on pve2 (10.213.7.2): apt install -y corosync-qdevice",
    ]);
    expect(commands(m, "allow-root-ssh")).toContain(
      `on pve1 (10.213.7.1), one node only: ssh root@${HOST} true`,
    );
    expect(commands(m, "run-setup")).toEqual([
      `on pve1 (10.213.7.1), one node only: pvecm qdevice setup ${HOST}`,
    ]);
    expect(commands(m, "disallow-root-ssh")).toEqual([
      `on the qnetd host (${HOST}): rm /etc/ssh/sshd_config.d/pve-qdevice-setup.conf`,
      `on the qnetd host (${HOST}): systemctl reload ssh`,
    ]);
  });

  it.each<
    [
      string,
      string,
      Partial<WizardInputs>,
      Tweak[],
      Record<string, CheckState>,
      WizardStepId | null,
    ]
  >([
    [
      "nothing done yet",
      "two-node-no-qdevice",
      { run: run("setup") },
      [],
      {
        "install-qnetd": "pending",
        "install-qdevice": "failed",
        "allow-root-ssh": "pending",
        "run-setup": "pending",
        verify: "pending",
        "disallow-root-ssh": "pending",
      },
      "install-qnetd",
    ],
    [
      "qnetd answers, qdevice installed, SSH marked → step 4 next",
      "two-node-no-qdevice",
      { run: run("setup", { probe: probe(true), marks: marked("allow-root-ssh") }) },
      [daemonDown],
      {
        "install-qnetd": "ok",
        "install-qdevice": "ok",
        "allow-root-ssh": "confirmed",
        "run-setup": "pending",
        verify: "pending",
        "disallow-root-ssh": "pending",
      },
      "run-setup",
    ],
    [
      "set up and connected, SSH turned off again → every step done",
      "two-node-qdevice-connected",
      { run: run("setup", { marks: marked("disallow-root-ssh") }) },
      [],
      {
        "install-qnetd": "ok",
        "install-qdevice": "ok",
        "allow-root-ssh": "ok",
        "run-setup": "ok",
        verify: "ok",
        "disallow-root-ssh": "confirmed",
      },
      null,
    ],
    [
      "set up but qnetd down and refusing → back to step 1, verify fails",
      "two-node-qdevice-qnetd-down",
      {
        run: run("setup", {
          probe: probe(false, "connection refused"),
          marks: marked("disallow-root-ssh"),
        }),
      },
      [],
      { "install-qnetd": "failed", "run-setup": "ok", verify: "failed" },
      "install-qnetd",
    ],
  ])("%s", async (_name, scenario, inputs, tweaks, want, current) => {
    const m = await model(scenario, inputs, ...tweaks);
    expect(states(m)).toMatchObject(want);
    expect(m.currentStep).toBe(current);
    expect(m.complete).toBe(current === null);
  });

  it("verify: expected votes = node votes + 1, Qdevice flag, A,V,NMW and Connected on every node", async () => {
    const m = await model("two-node-qdevice-connected", { run: run("setup") });
    const verify = stepCheck(m, "verify");
    expect(verify.lines.map((l) => l.seen)).toEqual([
      "Want Expected votes 3 = 2 node votes + 1 QDevice vote.",
      "pve1: Expected votes 3, Flags Quorate Qdevice, A,V,NMW, corosync-qdevice-tool says Connected",
      "pve2: Expected votes 3, Flags Quorate Qdevice, A,V,NMW, corosync-qdevice-tool says Connected",
    ]);
  });

  it("a failed connection says what was seen and what to try, per node", async () => {
    const m = await model("two-node-qdevice-qnetd-down", { run: run("setup") });
    const pve2 = stepCheck(m, "verify").lines.find((l) => l.subject === "pve2")!;
    expect(pve2.state).toBe("failed");
    expect(pve2.seen).toBe(
      "pve2: member flags A,NV,NMW (want A,V,NMW), corosync-qdevice-tool says Connect failed",
    );
    expect(pve2.tryThis).toMatch(/^Check TCP 5403 from pve2 to 10\.213\.7\.100/);
  });

  it("corosync.conf pointing at another host than the typed one fails step 4", async () => {
    const m = await model("two-node-qdevice-connected", {
      run: run("setup", { qnetdHost: "10.213.7.200" }),
    });
    const applied = stepCheck(m, "run-setup");
    expect(applied.state).toBe("failed");
    expect(applied.seen).toContain("quorum.device points at 10.213.7.100, not at 10.213.7.200");
  });

  it("quorum.device in corosync.conf but the daemon down → step 4 names the node and the fix", async () => {
    const m = await model(
      "two-node-qdevice-connected",
      { run: run("setup") },
      section(
        "qdevice",
        () => ({
          status: "absent",
          source: "corosync-qdevice-tool.txt",
          reason: "unavailable",
          message: "Can't connect to QDevice socket",
        }),
        ["pve2"],
      ),
    );
    const applied = stepCheck(m, "run-setup");
    expect(applied.state).toBe("failed");
    expect(applied.tryThis).toContain("On pve2: systemctl status corosync-qdevice");
  });

  it("a mark on a live step is recorded but the check still decides", async () => {
    const m = await model("two-node-no-qdevice", {
      run: run("setup", { marks: marked("run-setup") }),
    });
    const step = m.steps.find((s) => s.id === "run-setup")!;
    expect(step.check.state).toBe("pending");
    expect(step.markNote).toBe("Marked done by bob at 08:05:09 UTC; not seen on the cluster yet.");
  });

  it("an open setup run keeps suggesting setup once quorum.device is in corosync.conf", async () => {
    const open = await model("two-node-qdevice-connected", { run: run("setup") });
    expect([open.flow, open.suggestedFlow]).toEqual(["setup", "setup"]);
    const finished = await model("two-node-qdevice-connected", {
      run: run("setup", { finished: { by: "carol", at: AT } }),
    });
    expect([finished.flow, finished.suggestedFlow]).toEqual(["setup", "remove"]);
  });

  it("a finished run says who finished it", async () => {
    const m = await model("two-node-qdevice-connected", {
      run: run("setup", {
        marks: marked("disallow-root-ssh"),
        finished: { by: "carol", at: "2026-11-30T09:10:11.000Z" },
      }),
    });
    expect(m.headline).toBe(
      "Finished by carol at 09:10:11 UTC: the cluster is quorate with a QDevice voting on every node.",
    );
  });
});

describe("QDevice wizard: unknown is never ok", () => {
  it("stale agents turn every live check unknown, none ok", async () => {
    const later = SCENARIO_INTERVAL_MS * 3 + 1;
    const m = await model("two-node-qdevice-connected", { run: run("setup") }, (s) => ({
      ...s,
      nowMs: s.nowMs + later,
    }));
    expect(preflight(m)["nodes-online"]).toBe("unknown");
    expect(preflight(m)["qdevice-installed"]).toBe("unknown");
    for (const id of ["install-qdevice", "run-setup", "verify"] as const)
      expect(stepCheck(m, id).state).toBe("unknown");
    expect(m.complete).toBe(false);
    expect(stepCheck(m, "verify").lines.find((l) => l.subject === "pve1")!.seen).toMatch(
      /^pve1: no fresh agent report/,
    );
  });

  it("one node silent keeps the verify step from passing", async () => {
    const m = await model("two-node-qdevice-connected", { run: run("setup") }, (s) => {
      const agents = new Map(s.agents);
      agents.set("pve2", {
        data: null,
        fetchedAtMs: null,
        error: { kind: "timeout", message: "no answer in 1500 ms", at: AT },
        clockOffsetMs: null,
      });
      return { ...s, agents };
    });
    expect(stepCheck(m, "verify").state).toBe("unknown");
  });
});

describe("QDevice wizard: removal", () => {
  it.each<[string, string, Tweak[], Record<string, CheckState>]>([
    [
      "still configured → waiting for pvecm qdevice remove",
      "two-node-qdevice-connected",
      [],
      { "run-remove": "pending", "verify-removed": "pending" },
    ],
    [
      "removed everywhere → confirmed",
      "two-node-no-qdevice",
      [],
      { "run-remove": "ok", "verify-removed": "ok" },
    ],
    [
      "gone from corosync.conf but the daemon still runs → failed",
      "two-node-no-qdevice",
      [],
      { "run-remove": "failed" },
    ],
  ])("%s", async (name, scenario, tweaks, want) => {
    const extra = name.includes("still runs") ? [await connectedTool()] : tweaks;
    const m = await model(scenario, { flow: "remove", run: run("remove") }, ...extra);
    expect(states(m)).toMatchObject(want);
  });

  it("verifies expected votes fall back to the node votes", async () => {
    const m = await model("two-node-no-qdevice", { flow: "remove", run: run("remove") });
    expect(stepCheck(m, "verify-removed").lines.map((l) => l.seen)).toEqual([
      "pve1: Expected votes 2, Flags Quorate, no Qdevice",
      "pve2: Expected votes 2, Flags Quorate, no Qdevice",
    ]);
    expect(m.complete).toBe(true);
  });

  it("the removal command runs on one node", async () => {
    const m = await model("three-node-qdevice");
    expect(commands(m, "run-remove")).toEqual([
      "on pve1 (10.20.0.11), one node only: pvecm qdevice remove",
    ]);
  });
});

describe("QDevice wizard: what-if", () => {
  it.each<[string, string, WizardFlow | null, string, [number, number], [number, number]]>([
    [
      "two nodes before setup",
      "two-node-no-qdevice",
      null,
      "Losing one node now: quorum lost; after setup: quorum holds.",
      [2, 2],
      [3, 2],
    ],
    [
      "two nodes with a QDevice, before removal",
      "two-node-qdevice-connected",
      "remove",
      "Losing one node now: quorum holds; after removal: quorum lost.",
      [3, 2],
      [2, 2],
    ],
    [
      "two nodes set up already",
      "two-node-qdevice-connected",
      "setup",
      "Losing one node now: quorum holds (before setup: quorum lost).",
      [2, 2],
      [3, 2],
    ],
    [
      "three nodes with an lms QDevice (2 votes)",
      "three-node-qdevice",
      null,
      "Losing one node now: quorum holds; after removal: quorum holds.",
      [5, 3],
      [3, 2],
    ],
  ])("%s", async (_name, scenario, flow, summary, before, after) => {
    const m = await model(scenario, { flow });
    expect(m.whatIf!.summary).toBe(summary);
    expect([m.whatIf!.before.expected, m.whatIf!.before.quorum]).toEqual(before);
    expect([m.whatIf!.after.expected, m.whatIf!.after.quorum]).toEqual(after);
  });

  it("spells out the arithmetic of losing a node and the qnetd host", async () => {
    const m = await model("two-node-no-qdevice");
    expect(m.whatIf!.before.losses.map((l) => l.sentence)).toEqual([
      "1 of 2 votes left, quorum 2: quorum lost",
    ]);
    expect(m.whatIf!.after.losses.map((l) => `${l.lost}: ${l.sentence}`)).toEqual([
      "one node: 2 of 3 votes left, quorum 2: quorum holds",
      "the qnetd host: 2 of 3 votes left, quorum 2: quorum holds",
    ]);
  });
});
