import { CommandBlock } from "@/components/ui/command-block";
import type { WizardCommand } from "@/lib/surfaces/qdevice-setup";

export function SetupCommand({ command }: { command: WizardCommand }) {
  return (
    <div data-testid="wizard-command" className="flex flex-col gap-0.5">
      <span className="text-xs text-slate-500">
        {command.where}
        {command.note ? ` — ${command.note}` : ""}
      </span>
      <CommandBlock command={command.text} />
    </div>
  );
}
