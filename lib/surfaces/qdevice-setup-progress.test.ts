import { describe, expect, it } from "vitest";
import {
  applyWizardAction,
  qnetdHostSchema,
  wizardActionSchema,
  wizardRunSchema,
  type ApplyResult,
  type WizardRun,
} from "./qdevice-setup-progress";

const ids = { clusterId: "lab", newRunId: () => "run-1" };
const alice = { by: "alice", at: "2026-11-30T08:00:00.000Z" };
const bob = { by: "bob", at: "2026-11-30T08:05:00.000Z" };

function ok(result: ApplyResult): WizardRun {
  if (!result.ok) throw new Error(result.error);
  return wizardRunSchema.parse(result.run);
}

const started = () =>
  ok(applyWizardAction(null, { action: "start", flow: "setup", host: "10.0.0.5" }, alice, ids));

describe("wizard progress", () => {
  it("records who started, marked and finished, and when", () => {
    let run = started();
    run = ok(applyWizardAction(run, { action: "mark", step: "allow-root-ssh" }, bob, ids));
    run = ok(applyWizardAction(run, { action: "finish" }, bob, ids));
    expect(run.started).toEqual(alice);
    expect(run.marks).toEqual([{ step: "allow-root-ssh", ...bob }]);
    expect(run.finished).toEqual(bob);
    expect(run.events.map((e) => [e.by, e.kind, e.step])).toEqual([
      ["alice", "start", null],
      ["bob", "mark", "allow-root-ssh"],
      ["bob", "finish", null],
    ]);
  });

  it.each([
    ["marking twice keeps the first mark", { action: "mark", step: "allow-root-ssh" } as const, 1],
    [
      "unmarking an unmarked step changes nothing",
      { action: "unmark", step: "verify" } as const,
      1,
    ],
  ])("%s", (_name, action, marks) => {
    let run = ok(
      applyWizardAction(started(), { action: "mark", step: "allow-root-ssh" }, alice, ids),
    );
    run = ok(applyWizardAction(run, action, bob, ids));
    expect(run.marks).toHaveLength(marks);
    expect(run.marks[0]?.by).toBe("alice");
  });

  it.each([
    [
      "a step of the other flow",
      (r: WizardRun | null) =>
        applyWizardAction(r ?? started(), { action: "mark", step: "run-remove" }, bob, ids),
      400,
    ],
    [
      "any change before a run exists",
      () => applyWizardAction(null, { action: "mark", step: "verify" }, bob, ids),
      409,
    ],
    [
      "a change to a finished run",
      () =>
        applyWizardAction(
          ok(applyWizardAction(started(), { action: "finish" }, alice, ids)),
          { action: "host", host: "10.0.0.6" },
          bob,
          ids,
        ),
      409,
    ],
  ])("refuses %s", (_name, apply, status) => {
    const result = apply(null);
    expect(result).toMatchObject({ ok: false, status });
  });

  it("a new host forgets the old probe; a probe of another host is not kept", () => {
    let run = ok(
      applyWizardAction(
        started(),
        { action: "probe", host: "10.0.0.5", reachable: true, ms: 2, error: null },
        alice,
        ids,
      ),
    );
    expect(run.probe).toMatchObject({ host: "10.0.0.5", reachable: true, by: "alice" });
    run = ok(applyWizardAction(run, { action: "host", host: "10.0.0.6" }, bob, ids));
    expect(run.probe).toBeNull();
    run = ok(
      applyWizardAction(
        run,
        { action: "probe", host: "10.0.0.5", reachable: true, ms: 2, error: null },
        alice,
        ids,
      ),
    );
    expect(run.probe).toBeNull();
  });

  it("repeated identical probe answers refresh the probe without growing the log", () => {
    const probe = {
      action: "probe",
      host: "10.0.0.5",
      reachable: false,
      ms: null,
      error: "timed out",
    } as const;
    let run = ok(applyWizardAction(started(), probe, alice, ids));
    run = ok(applyWizardAction(run, probe, bob, ids));
    expect(run.events.filter((e) => e.kind === "probe")).toHaveLength(1);
    expect(run.probe?.by).toBe("bob");
  });

  it.each([
    ["10.0.0.5", true],
    ["fd00::5", true],
    ["qnetd.example.org", true],
    ["qnetd", true],
    ["10.0.0.5:5403", false],
    ["http://10.0.0.5", false],
    ["10.0.0.500", false],
    ["a b", false],
    ["", false],
    ["-rf", false],
  ])("host %j is %s", (host, valid) => {
    expect(qnetdHostSchema.safeParse(host).success).toBe(valid);
  });

  it("accepts only the known actions", () => {
    expect(wizardActionSchema.safeParse({ action: "mark", step: "verify" }).success).toBe(true);
    expect(wizardActionSchema.safeParse({ action: "run", command: "rm -rf /" }).success).toBe(
      false,
    );
    expect(wizardActionSchema.safeParse({ action: "mark", step: "reboot" }).success).toBe(false);
  });
});
