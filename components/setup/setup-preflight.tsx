import { Card, CardTitle } from "@/components/ui/card";
import type { WizardCheck } from "@/lib/surfaces/qdevice-setup";
import { SetupCheck } from "./setup-check";

export function SetupPreflight({ checks }: { checks: WizardCheck[] }) {
  return (
    <Card data-testid="wizard-preflight">
      <CardTitle>Before you start</CardTitle>
      <div className="flex flex-col gap-2">
        {checks.map((check) => (
          <SetupCheck key={check.id} check={check} />
        ))}
      </div>
    </Card>
  );
}
