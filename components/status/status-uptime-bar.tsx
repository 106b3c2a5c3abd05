import { cn } from "@/components/ui/cn";
import { STATUS_WORD_TONES, uptimeText, type PublicDay } from "@/lib/surfaces/public-status";
import type { Tone } from "@/lib/surfaces/tone";

const FILL: Record<Tone, string> = {
  ok: "bg-ok",
  warn: "bg-warn",
  crit: "bg-crit",
  unknown: "bg-unknown",
  info: "bg-info",
};

/** One cell per day, oldest on the left; each names its day, word and uptime on hover. */
export function StatusUptimeBar({ days, label }: { days: PublicDay[]; label: string }) {
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="status-uptime-bar"
      className="flex h-8 items-stretch gap-px print:h-5"
    >
      {days.map((day) => (
        <span
          key={day.date}
          data-day={day.date}
          data-status={day.status ?? "none"}
          title={`${day.date}: ${day.status ?? "no data"}${day.uptime === null ? "" : `, ${uptimeText(day.uptime)} up`}`}
          className={cn(
            "min-w-0 flex-1 rounded-[1px] [print-color-adjust:exact]",
            day.status ? FILL[STATUS_WORD_TONES[day.status]] : "bg-slate-200",
          )}
        />
      ))}
    </div>
  );
}
