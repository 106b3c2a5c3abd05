import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { VoteScenario, WhatIf } from "@/lib/surfaces/qdevice-setup";

function Scenario({ scenario, now }: { scenario: VoteScenario; now: boolean }) {
  return (
    <div
      data-testid="what-if-scenario"
      data-now={String(now)}
      className={cn("rounded border p-3", now ? "border-slate-900" : "border-slate-200")}
    >
      <p className="font-semibold">
        {scenario.label}
        {now && <span className="ml-2 text-xs font-normal text-slate-500">(now)</span>}
      </p>
      <p className="text-sm text-slate-600">
        Expected votes {scenario.expected}, quorum {scenario.quorum}
      </p>
      <ul className="mt-1 text-sm">
        {scenario.losses.map((loss) => (
          <li key={loss.lost} className={loss.holds ? "text-ok" : "text-crit"}>
            <span aria-hidden="true">{loss.holds ? "✓ " : "✕ "}</span>
            Losing {loss.lost}: {loss.sentence}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SetupWhatIf({ whatIf }: { whatIf: WhatIf | null }) {
  if (!whatIf) return null;
  return (
    <Card data-testid="wizard-what-if">
      <CardTitle>What losing a node means</CardTitle>
      <p className="mb-2 font-medium" data-testid="what-if-summary">
        {whatIf.summary}
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        <Scenario scenario={whatIf.before} now={whatIf.current === "before"} />
        <Scenario scenario={whatIf.after} now={whatIf.current === "after"} />
      </div>
    </Card>
  );
}
