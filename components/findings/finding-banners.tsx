import { findingGroups } from "@/lib/surfaces/finding-text";
import { severityTone, TONE_ICONS } from "@/lib/surfaces/tone";
import type { Finding } from "@/lib/health/types";
import { FindingCard } from "./finding-card";

/**
 * Findings grouped by severity, worst first, each group with its count; info findings are notes
 * at the end. Critical findings open their detail and remedy by themselves.
 */
export function FindingBanners({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return (
      <p
        data-testid="no-findings"
        className="rounded border border-ok/30 bg-ok-soft px-3 py-2 text-sm text-ok"
      >
        <span aria-hidden="true">✓ </span>No findings: every check passed on fresh data.
      </p>
    );
  }
  const groups = findingGroups(findings);
  return (
    <section
      className="flex flex-col gap-3"
      data-testid="findings"
      aria-labelledby="findings-title"
    >
      <h2
        id="findings-title"
        className="text-sm font-semibold tracking-wide text-slate-600 uppercase"
      >
        Findings: {groups.map((g) => g.heading).join(", ")}
      </h2>
      {groups.map((group) => (
        <div
          key={group.severity}
          className="flex flex-col gap-2"
          data-testid={group.severity === "info" ? "info-findings" : "finding-group"}
          data-severity={group.severity}
          data-count={group.count}
        >
          <h3 className="text-sm font-semibold text-slate-700">
            <span aria-hidden="true">{TONE_ICONS[severityTone(group.severity)]} </span>
            {group.heading}
          </h3>
          {group.findings.map((f) => (
            <FindingCard
              key={`${f.rule}|${f.subject}`}
              finding={f}
              testId={f.severity === "info" ? "info-finding" : "finding-banner"}
            />
          ))}
        </div>
      ))}
    </section>
  );
}
