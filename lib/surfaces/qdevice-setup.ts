import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import type { QdeviceSummary } from "@/lib/health/summary";
import {
  clockTime,
  nodeCountCheck,
  nodesOnlineCheck,
  qdeviceInstalledCheck,
  reachabilityCheck,
  type WizardCheck,
} from "./qdevice-setup-checks";
import { configuredHost, gatherFacts } from "./qdevice-setup-facts";
import type {
  WizardActor,
  WizardEvent,
  WizardFlow,
  WizardRun,
  WizardStepId,
} from "./qdevice-setup-progress";
import { stepsFor, type WizardStep } from "./qdevice-setup-steps";
import { whatIf, type WhatIf } from "./qdevice-setup-what-if";
import { voteMath } from "./overview";
import { voteBar, type VoteBar } from "./vote-bar";

export type { CheckLine, CheckState, WizardCheck } from "./qdevice-setup-checks";
export { CHECK_PRESENTATION } from "./qdevice-setup-checks";
export type { WizardCommand, WizardStep } from "./qdevice-setup-steps";
export { HOST_PLACEHOLDER } from "./qdevice-setup-steps";
export type { LossOutcome, VoteScenario, WhatIf } from "./qdevice-setup-what-if";

export interface WizardRunView {
  id: string;
  flow: WizardFlow;
  started: WizardActor;
  finished: WizardActor | null;
  /** Who did what and when, oldest first. */
  events: WizardEvent[];
}

/** The guided QDevice setup or removal of one cluster: live checks, exact commands, progress. */
export interface QdeviceSetupModel {
  clusterId: string;
  name: string;
  takenAt: string;
  flow: WizardFlow;
  /** The flow the cluster's state calls for (removal when a QDevice is configured), or the open run's. */
  suggestedFlow: WizardFlow;
  qdevice: { configured: boolean | null; state: QdeviceSummary; host: string | null };
  qnetdHost: string | null;
  nodes: { name: string; address: string | null; votes: number }[];
  preflight: WizardCheck[];
  steps: WizardStep[];
  /** The first step not done yet; null once every step is. */
  currentStep: WizardStepId | null;
  complete: boolean;
  headline: string;
  whatIf: WhatIf | null;
  /** The live votes, drawn as on the overview and the wall. */
  votes: VoteBar;
  /** The run of this flow kept on the server; null before an admin starts one. */
  run: WizardRunView | null;
}

export interface WizardInputs {
  /** The cluster's current run, whatever its flow. */
  run: WizardRun | null;
  /** The flow asked for in the URL; otherwise the run's, otherwise the suggested one. */
  flow: WizardFlow | null;
}

const DONE = new Set(["ok", "confirmed"]);

function headline(flow: WizardFlow, steps: WizardStep[], run: WizardRunView | null): string {
  const next = steps.find((s) => !DONE.has(s.check.state));
  if (next) return `Step ${next.number} of ${steps.length}: ${next.title}.`;
  const result =
    flow === "setup"
      ? "the cluster is quorate with a QDevice voting on every node"
      : "the QDevice is gone from every node and expected votes equal the node votes";
  if (run?.finished)
    return `Finished by ${run.finished.by} at ${clockTime(run.finished.at)}: ${result}.`;
  return `Every check passed: ${result}.`;
}

export function toQdeviceSetupModel(
  view: EvaluatedCluster,
  configuredName: string | null,
  inputs: WizardInputs,
): QdeviceSetupModel {
  const { snapshot, summary } = view;
  const facts = gatherFacts(view);
  // An open run keeps its flow: a setup half done already has quorum.device in corosync.conf.
  const open = inputs.run && !inputs.run.finished ? inputs.run : null;
  const suggestedFlow: WizardFlow = open?.flow ?? (facts.configured === true ? "remove" : "setup");
  const flow = inputs.flow ?? inputs.run?.flow ?? suggestedFlow;
  const stored = inputs.run?.flow === flow ? inputs.run : null;
  const deviceHost = configuredHost(facts);
  const host = stored?.qnetdHost ?? (flow === "remove" ? deviceHost : null);
  const probe = stored?.probe ?? null;
  const marks = new Map<WizardStepId, WizardActor>(
    (stored?.marks ?? []).map((m) => [m.step, { by: m.by, at: m.at }]),
  );

  const preflight = [
    nodeCountCheck(facts, flow, stored !== null, deviceHost, summary.qdevice),
    nodesOnlineCheck(facts),
    ...(flow === "setup"
      ? [qdeviceInstalledCheck(facts), reachabilityCheck(facts, host, probe)]
      : []),
  ];
  const steps = stepsFor(flow, { facts, host, probe, marks });
  const current = steps.find((s) => !DONE.has(s.check.state)) ?? null;
  const run: WizardRunView | null = stored
    ? {
        id: stored.id,
        flow: stored.flow,
        started: stored.started,
        finished: stored.finished,
        events: stored.events,
      }
    : null;
  return {
    clusterId: snapshot.clusterId,
    name: configuredName ?? snapshot.clusterName ?? snapshot.clusterId,
    takenAt: snapshot.takenAt,
    flow,
    suggestedFlow,
    qdevice: { configured: facts.configured, state: summary.qdevice, host: deviceHost },
    qnetdHost: host,
    nodes: facts.nodes.map((n) => ({ name: n.name, address: n.address, votes: n.votes })),
    preflight,
    steps,
    currentStep: current?.id ?? null,
    complete: current === null,
    headline: headline(flow, steps, run),
    whatIf: whatIf(view, facts, flow),
    votes: voteBar(snapshot, summary, voteMath(snapshot, summary)),
    run,
  };
}
