import { RebootChecks } from "@/components/cluster/reboot-checks";
import { Badge } from "@/components/ui/badge";
import type { NodeReadinessModel, UpgradeStepModel } from "@/lib/surfaces/reboot-readiness";
import { TONE_ICONS } from "@/lib/surfaces/tone";

function kernels(readiness: NodeReadinessModel | null): string {
  if (!readiness) return "kernels not known";
  const running = readiness.runningKernel ?? "not known";
  const next = readiness.nextBootKernel ?? "not known";
  return running === next ? `runs ${running}` : `runs ${running}, boots ${next} next`;
}

/** One node of the rolling order: its place, its state, its kernels and the checks behind it. */
export function UpgradeStep({
  step,
  readiness,
}: {
  step: UpgradeStepModel;
  readiness: NodeReadinessModel | null;
}) {
  return (
    <li
      className="flex flex-col gap-2 py-3"
      data-testid="upgrade-step"
      data-node={step.node}
      data-state={step.state}
    >
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="w-6 text-right text-slate-500">{step.position}.</span>
        <span className="font-semibold">{step.node}</span>
        <Badge tone={step.tone} data-testid="upgrade-state">
          {TONE_ICONS[step.tone]} {step.stateWord}
        </Badge>
        <span className="text-sm text-slate-600">{kernels(readiness)}</span>
      </div>
      {readiness && step.state !== "done" && (
        <div className="pl-8">
          {readiness.headline && (
            <p className="mb-1 text-sm" data-testid="upgrade-reason">
              {readiness.headline}
            </p>
          )}
          <details>
            <summary className="cursor-pointer text-sm text-slate-600">Every check</summary>
            <div className="mt-1">
              <RebootChecks readiness={readiness} />
            </div>
          </details>
        </div>
      )}
    </li>
  );
}
