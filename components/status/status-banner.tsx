import { cn } from "@/components/ui/cn";
import { STATUS_WORD_TONES, utcText, type PublicPage } from "@/lib/surfaces/public-status";
import { TONE_CLASSES, TONE_ICONS } from "@/lib/surfaces/tone";

const SENTENCES: Record<PublicPage["status"], string> = {
  Operational: "All systems operational",
  Degraded: "Some systems are degraded",
  Outage: "Service outage",
  Unknown: "Status unknown: the latest data is missing or too old",
  Maintenance: "Maintenance in progress",
};

/** The page's one word, large, with the time of the data behind it. */
export function StatusBanner({ page }: { page: PublicPage }) {
  const tone = STATUS_WORD_TONES[page.status];
  return (
    <section
      data-testid="status-overall"
      data-status={page.status}
      className={cn("rounded-lg border-2 p-5 print:border", TONE_CLASSES[tone])}
    >
      <p className="flex items-center gap-3 text-2xl font-bold">
        <span aria-hidden="true">{TONE_ICONS[tone]}</span>
        <span data-testid="status-word">{page.status}</span>
        <span className="text-base font-medium">· {SENTENCES[page.status]}</span>
      </p>
      <p className="mt-2 text-sm" data-testid="status-updated">
        Last updated{" "}
        {page.updatedAt ? (
          <time dateTime={page.updatedAt}>{utcText(page.updatedAt)}</time>
        ) : (
          "never: waiting for the first poll"
        )}
      </p>
    </section>
  );
}
