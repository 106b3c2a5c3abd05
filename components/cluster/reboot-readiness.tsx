import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { RebootModel } from "@/lib/surfaces/reboot-readiness";
import { TONE_ICONS } from "@/lib/surfaces/tone";
import { RebootChecks } from "./reboot-checks";

/** Per node: safe to reboot now? The badge, the deciding reason, and every check on demand. */
export function RebootReadinessCard({
  reboot,
  clusterId,
}: {
  reboot: RebootModel;
  clusterId: string;
}) {
  return (
    <Card data-testid="reboot-readiness">
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <CardTitle className="mb-0">Safe to reboot now?</CardTitle>
        <Link
          href={`/upgrade?cluster=${encodeURIComponent(clusterId)}`}
          className="text-sm text-slate-600 hover:underline"
        >
          Rolling upgrade →
        </Link>
      </div>
      <ul className="flex flex-col divide-y divide-slate-100">
        {reboot.nodes.map((n) => (
          <li
            key={n.node}
            className="py-2"
            data-testid="reboot-node"
            data-node={n.node}
            data-answer={n.answer}
          >
            <details>
              <summary className="flex cursor-pointer flex-wrap items-baseline gap-2">
                <span className="font-semibold">{n.node}</span>
                <Badge tone={n.tone} data-testid="reboot-answer">
                  {TONE_ICONS[n.tone]} {n.word}
                </Badge>
                <span className="text-sm text-slate-700" data-testid="reboot-headline">
                  {n.headline ?? "Every check passes."}
                </span>
              </summary>
              <div className="mt-2 pl-4">
                <RebootChecks readiness={n} />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}
