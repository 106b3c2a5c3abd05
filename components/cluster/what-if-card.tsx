import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { OverviewWhatIf } from "@/lib/surfaces/overview-what-if";
import { TONE_ICONS } from "@/lib/surfaces/tone";

/** For every node and the QDevice: if it fails, does quorum hold, and what else breaks. */
export function WhatIfCard({ whatIf }: { whatIf: OverviewWhatIf }) {
  return (
    <Card data-testid="what-if">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <CardTitle className="mb-0">If this fails</CardTitle>
        <span className="text-sm text-slate-600" data-testid="what-if-can-lose">
          {whatIf.canLose}
        </span>
      </div>
      <ul className="flex flex-col divide-y divide-slate-100">
        {whatIf.answers.map((a) => (
          <li
            key={a.target}
            className="flex flex-col gap-1 py-2"
            data-testid="what-if-answer"
            data-target={a.target}
            data-quorum={a.quorum}
          >
            <div className="flex flex-wrap items-baseline gap-2">
              <span className="font-semibold">{a.label}</span>
              <Badge tone={a.tone}>
                {TONE_ICONS[a.tone]} {a.word}
              </Badge>
              {a.votes && <span className="text-sm text-slate-600">{a.votes}</span>}
              {a.note && <span className="text-sm text-slate-500">({a.note})</span>}
            </div>
            {a.unknownBecause.length > 0 && (
              <p className="text-sm text-unknown">{a.unknownBecause.join(" ")}</p>
            )}
            {a.breaks.length > 0 && (
              <ul className="list-disc pl-5 text-sm text-slate-700">
                {a.breaks.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
