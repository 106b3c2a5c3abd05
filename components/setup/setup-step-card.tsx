import { Card } from "@/components/ui/card";
import type { WizardStep } from "@/lib/surfaces/qdevice-setup";
import { SetupCheck } from "./setup-check";
import { SetupCheckBadge } from "./setup-check-badge";
import { SetupCommand } from "./setup-command";
import { SetupText } from "./setup-text";

export interface StepMarking {
  busy: boolean;
  onMark: (step: WizardStep["id"], done: boolean) => void;
}

/** One step: why, the exact commands, and the live check beside them. */
export function SetupStepCard({
  step,
  current,
  marking,
}: {
  step: WizardStep;
  current: boolean;
  /** Present when the viewer may record progress on this run. */
  marking: StepMarking | null;
}) {
  return (
    <Card
      data-testid="wizard-step"
      data-step={step.id}
      data-state={step.check.state}
      data-current={String(current)}
      className={current ? "border-slate-900 ring-1 ring-slate-900" : undefined}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">
          {step.number}. {step.title}
        </h2>
        <SetupCheckBadge check={step.check} />
      </div>
      <p className="mt-1 text-sm text-slate-700">
        <SetupText text={step.why} />
      </p>
      <div className="mt-3 flex flex-col gap-2">
        {step.commands.map((command) => (
          <SetupCommand key={`${command.where}|${command.text}`} command={command} />
        ))}
      </div>
      {step.notes.map((note) => (
        <p key={note} className="mt-2 text-sm text-slate-600">
          <SetupText text={note} />
        </p>
      ))}
      <div className="mt-3">
        <SetupCheck check={step.check} />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        {step.markNote && (
          <span className="text-slate-600" data-testid="mark-note">
            {step.markNote}
          </span>
        )}
        {marking && (
          <button
            type="button"
            disabled={marking.busy}
            onClick={() => marking.onMark(step.id, step.mark === null)}
            className="rounded border border-slate-400 px-2 py-1 font-medium hover:bg-slate-100 disabled:opacity-50"
          >
            {step.mark ? "Undo mark" : "Mark done"}
          </button>
        )}
      </div>
    </Card>
  );
}
