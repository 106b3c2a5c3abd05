import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { Finding } from "@/lib/health/types";
import { summaryLine } from "@/lib/surfaces/finding-text";
import { severityTone, TONE_CLASSES, TONE_ICONS } from "@/lib/surfaces/tone";
import { FindingRemedy } from "./finding-remedy";

function Section({ title, open, children }: { title: string; open: boolean; children: ReactNode }) {
  return (
    <details open={open} className="group mt-1" data-testid="finding-section" data-section={title}>
      <summary className="w-fit cursor-pointer rounded text-sm font-medium underline-offset-2 hover:underline">
        {title}
      </summary>
      <div className="mt-1">{children}</div>
    </details>
  );
}

/**
 * One finding: its title and a one-line summary first; what was seen and what to do open on
 * demand, and open by themselves when the finding is critical.
 */
export function FindingCard({ finding, testId }: { finding: Finding; testId: string }) {
  const tone = severityTone(finding.severity);
  const open = finding.severity === "critical";
  return (
    <article
      data-testid={testId}
      data-rule={finding.rule}
      data-subject={finding.subject}
      data-severity={finding.severity}
      className={cn("min-w-0 rounded border px-3 py-2", TONE_CLASSES[tone])}
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-xs font-bold uppercase">
          <span aria-hidden="true">{TONE_ICONS[tone]} </span>
          {finding.severity}
        </span>
        <h4 className="font-semibold break-words">{finding.title}</h4>
      </div>
      <p className="text-sm break-words text-slate-800" data-testid="finding-summary">
        {summaryLine(finding.detail)}
      </p>
      <Section title="What was seen" open={open}>
        <p className="text-sm break-words text-slate-800">{finding.detail}</p>
        <p className="mt-1 text-xs text-slate-600">
          rule <code>{finding.rule}</code> · {finding.subject}
        </p>
      </Section>
      <Section title="What to do" open={open}>
        <FindingRemedy finding={finding} />
      </Section>
    </article>
  );
}
