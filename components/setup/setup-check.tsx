import { cn } from "@/components/ui/cn";
import { CHECK_PRESENTATION, type WizardCheck } from "@/lib/surfaces/qdevice-setup";
import { TONE_CLASSES } from "@/lib/surfaces/tone";
import { SetupCheckBadge } from "./setup-check-badge";
import { SetupText } from "./setup-text";

/** One live check: its state, what was seen on each node, and what to try when it is not ok. */
export function SetupCheck({ check }: { check: WizardCheck }) {
  const open = check.state !== "ok" && check.state !== "confirmed";
  return (
    <div
      data-testid="wizard-check"
      data-check={check.id}
      data-state={check.state}
      className={cn("rounded border px-3 py-2", TONE_CLASSES[check.tone])}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SetupCheckBadge check={check} />
        <span className="text-sm font-semibold text-slate-900">{check.label}</span>
      </div>
      {check.lines.length > 1 ? (
        <ul className="mt-1 flex flex-col gap-0.5 text-sm text-slate-800">
          {check.lines.map((line) => (
            <li
              key={`${line.subject}|${line.seen}`}
              data-testid="check-line"
              data-state={line.state}
            >
              <span aria-hidden="true" className="mr-1">
                {CHECK_PRESENTATION[line.state].icon}
              </span>
              <SetupText text={line.seen} />
              {line.tryThis && line.state !== "ok" && (
                <span className="text-slate-700">
                  : <SetupText text={line.tryThis} />
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-800" data-testid="check-seen">
          <SetupText text={check.seen} />
          {open && check.tryThis && (
            <span className="text-slate-700">
              {" "}
              — <SetupText text={check.tryThis} />
            </span>
          )}
        </p>
      )}
    </div>
  );
}
