import Link from "next/link";
import type { Finding } from "@/lib/health/types";
import { severityTone, TONE_CLASSES } from "@/lib/surfaces/tone";
import { cn } from "@/components/ui/cn";

/** Every warning, critical and unknown finding as a banner with its remedy; info goes to the list below. */
export function FindingBanners({ findings }: { findings: Finding[] }) {
  const banners = findings.filter((f) => f.severity !== "info");
  const infos = findings.filter((f) => f.severity === "info");
  if (findings.length === 0) {
    return (
      <p
        data-testid="no-findings"
        className="rounded border border-ok/30 bg-ok-soft px-3 py-2 text-sm text-ok"
      >
        No findings: every check passed on fresh data.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="findings">
      {banners.map((f) => (
        <div
          key={`${f.rule}|${f.subject}`}
          role="alert"
          data-testid="finding-banner"
          data-rule={f.rule}
          data-subject={f.subject}
          data-severity={f.severity}
          className={cn("rounded border px-3 py-2", TONE_CLASSES[severityTone(f.severity)])}
        >
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="text-xs font-bold uppercase">{f.severity}</span>
            <span className="font-semibold">{f.title}</span>
            <code className="text-xs opacity-70">{f.rule}</code>
          </div>
          <p className="mt-1 text-sm text-slate-800">{f.detail}</p>
          <p className="mt-1 text-sm text-slate-700">
            <span className="font-medium">What to do: </span>
            {f.remedy}
            {f.link && (
              <>
                {" "}
                <Link href={f.link} className="font-medium underline" data-testid="finding-link">
                  Open the guide
                </Link>
              </>
            )}
          </p>
        </div>
      ))}
      {infos.length > 0 && (
        <ul className="text-sm text-info" data-testid="info-findings">
          {infos.map((f) => (
            <li key={`${f.rule}|${f.subject}`} data-rule={f.rule} data-subject={f.subject}>
              ℹ {f.title} — {f.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
