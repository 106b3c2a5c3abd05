import type { WizardCommand } from "@/lib/surfaces/qdevice-setup";
import { SetupCopyButton } from "./setup-copy-button";

export function SetupCommand({ command }: { command: WizardCommand }) {
  return (
    <div data-testid="wizard-command" className="flex flex-col gap-0.5">
      <span className="text-xs text-slate-500">
        {command.where}
        {command.note ? ` — ${command.note}` : ""}
      </span>
      <div className="flex items-start justify-between gap-2 rounded bg-slate-900 px-3 py-2">
        <code className="text-sm break-all whitespace-pre-wrap text-slate-100">{command.text}</code>
        <SetupCopyButton text={command.text} className="shrink-0" />
      </div>
    </div>
  );
}
