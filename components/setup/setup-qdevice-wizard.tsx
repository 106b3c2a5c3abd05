"use client";

import { useQuery } from "@tanstack/react-query";
import { useClusterEvents } from "@/lib/hooks/use-cluster-events";
import { useQdeviceSetupActions } from "@/lib/hooks/use-qdevice-setup-actions";
import { qdeviceSetupQuery } from "@/lib/queries/qdevice-setup";
import type { QdeviceSetupModel } from "@/lib/surfaces/qdevice-setup";
import type { WizardFlow } from "@/lib/surfaces/qdevice-setup-progress";
import { SetupControls } from "./setup-controls";
import { SetupHeader, type WizardViewer } from "./setup-header";
import { SetupPreflight } from "./setup-preflight";
import { SetupRunLog } from "./setup-run-log";
import { SetupStepCard } from "./setup-step-card";
import { SetupWhatIf } from "./setup-what-if";

export function SetupQdeviceWizard({
  clusterId,
  flow,
  viewer,
}: {
  clusterId: string | null;
  flow: WizardFlow | null;
  viewer: WizardViewer | null;
}) {
  const query = qdeviceSetupQuery.options(clusterId, flow);
  const { data, error } = useQuery(query);
  useClusterEvents(clusterId, { queryKey: query.queryKey });
  if (error && !data)
    return (
      <p role="alert" className="rounded border border-unknown/30 bg-unknown-soft p-3 text-unknown">
        The dashboard server does not answer: {error.message}. Every check is unknown until it does.
      </p>
    );
  if (!data || data.pending)
    return (
      <p className="text-slate-500" data-testid="pending">
        Waiting for the first poll of the cluster…
      </p>
    );
  return <Wizard model={data} viewer={viewer} stale={error !== null} />;
}

function Wizard({
  model,
  viewer,
  stale,
}: {
  model: QdeviceSetupModel;
  viewer: WizardViewer | null;
  stale: boolean;
}) {
  const actions = useQdeviceSetupActions(model.clusterId);
  const canAct = viewer?.mayAct === true && model.run?.finished == null;
  const marking =
    canAct && model.run
      ? {
          busy: actions.progress.isPending,
          onMark: (step: QdeviceSetupModel["steps"][number]["id"], done: boolean) =>
            actions.progress.mutate({ action: done ? "mark" : "unmark", step }),
        }
      : null;
  const titles = Object.fromEntries(model.steps.map((s) => [s.id, s.title]));
  return (
    <div
      className="flex max-w-4xl flex-col gap-4"
      data-testid="qdevice-wizard"
      data-flow={model.flow}
      data-complete={String(model.complete)}
      data-current-step={model.currentStep ?? ""}
      data-taken-at={model.takenAt}
    >
      {stale && (
        <p role="status" className="text-sm text-unknown">
          The dashboard server did not answer the latest refresh: the checks show the last view.
        </p>
      )}
      <SetupHeader model={model} viewer={viewer} />
      <SetupControls model={model} viewer={viewer} actions={actions} />
      <SetupPreflight checks={model.preflight} />
      <SetupWhatIf whatIf={model.whatIf} />
      <ol className="flex flex-col gap-3">
        {model.steps.map((step) => (
          <li key={step.id}>
            <SetupStepCard step={step} current={step.id === model.currentStep} marking={marking} />
          </li>
        ))}
      </ol>
      <SetupRunLog run={model.run} titles={titles} />
    </div>
  );
}
