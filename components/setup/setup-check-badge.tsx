import { Badge } from "@/components/ui/badge";
import type { WizardCheck } from "@/lib/surfaces/qdevice-setup";

/** A check's state as icon and word together, so colour is never the only signal. */
export function SetupCheckBadge({ check }: { check: Pick<WizardCheck, "tone" | "icon" | "word"> }) {
  return (
    <Badge tone={check.tone} data-testid="check-badge">
      <span aria-hidden="true" className="mr-1">
        {check.icon}
      </span>
      {check.word}
    </Badge>
  );
}
