import { Badge } from "@/components/ui/badge";
import type { NodeReadinessModel } from "@/lib/surfaces/reboot-readiness";
import { TONE_ICONS } from "@/lib/surfaces/tone";

/** Every check behind one node's answer, and what else its reboot breaks. */
export function RebootChecks({ readiness }: { readiness: NodeReadinessModel }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <ul className="flex flex-col gap-1">
        {readiness.checks.map((c) => (
          <li
            key={c.id}
            className="flex gap-2"
            data-testid="reboot-check"
            data-check={c.id}
            data-level={c.level}
          >
            <Badge tone={c.tone} className="shrink-0">
              {TONE_ICONS[c.tone]} {c.label}
            </Badge>
            <span>{c.text}</span>
          </li>
        ))}
      </ul>
      {readiness.consequences.length > 0 && (
        <p className="text-slate-600">If it goes: {readiness.consequences.join(" ")}</p>
      )}
    </div>
  );
}
