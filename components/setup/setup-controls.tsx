"use client";

import { Card } from "@/components/ui/card";
import type { useQdeviceSetupActions } from "@/lib/hooks/use-qdevice-setup-actions";
import type { QdeviceSetupModel } from "@/lib/surfaces/qdevice-setup";
import type { WizardViewer } from "./setup-header";
import { SetupHostForm } from "./setup-host-form";

const BUTTON =
  "rounded bg-slate-900 px-3 py-2 font-semibold text-white hover:bg-slate-700 disabled:opacity-50";

/** What an admin does on the page itself: start, set the qnetd host, finish, start again. */
export function SetupControls({
  model,
  viewer,
  actions,
}: {
  model: QdeviceSetupModel;
  viewer: WizardViewer | null;
  actions: ReturnType<typeof useQdeviceSetupActions>;
}) {
  const { progress, reachability } = actions;
  const run = model.run;
  const mayAct = viewer?.mayAct === true;
  const open = run !== null && run.finished === null;
  const busy = progress.isPending;
  const start = () => progress.mutate({ action: "start", flow: model.flow });
  const saveHost = (host: string) => {
    progress.mutate(open ? { action: "host", host } : { action: "start", flow: "setup", host }, {
      onSuccess: () => reachability.mutate(host),
    });
  };
  const error = progress.error?.message ?? null;
  if (model.flow === "remove" && !mayAct && !error) return null;
  return (
    <Card data-testid="wizard-controls" className="flex flex-col gap-3">
      {model.flow === "setup" && (
        <SetupHostForm
          key={model.qnetdHost ?? "none"}
          savedHost={model.qnetdHost}
          canAct={mayAct && (open || run === null)}
          hasRun={open}
          busy={busy}
          checking={reachability.isPending}
          lastAnswer={reachability.data ?? null}
          error={reachability.error?.message ?? null}
          onSave={saveHost}
          onCheck={(host) => reachability.mutate(host)}
        />
      )}
      {mayAct && (
        <div className="flex flex-wrap items-center gap-3">
          {model.flow === "remove" && !open && (
            <button type="button" className={BUTTON} disabled={busy} onClick={start}>
              {run ? "Start the removal again" : "Start removal"}
            </button>
          )}
          {model.flow === "setup" && run?.finished && (
            <button type="button" className={BUTTON} disabled={busy} onClick={start}>
              Start a new setup run
            </button>
          )}
          {open && model.complete && (
            <button
              type="button"
              className={BUTTON}
              disabled={busy}
              onClick={() => progress.mutate({ action: "finish" })}
            >
              Finish
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-crit">
          {error}
        </p>
      )}
    </Card>
  );
}
