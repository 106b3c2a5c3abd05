import { formatAge } from "@/lib/format";
import type { Freshness } from "@/lib/surfaces/overview";
import { cn } from "./cn";

/** Every value shows its age; a stale or missing one says unknown and why. */
export function FreshnessNote({
  freshness,
  className,
}: {
  freshness: Freshness;
  className?: string;
}) {
  const age = freshness.ageMs === null ? null : formatAge(freshness.ageMs);
  if (freshness.fresh) {
    return (
      <span
        data-slot="freshness"
        data-fresh="true"
        className={cn("text-xs text-slate-500", className)}
      >
        {age} ago{freshness.error ? ` · last poll failed: ${freshness.error.kind}` : ""}
      </span>
    );
  }
  const why = freshness.error
    ? `${freshness.error.kind}: ${freshness.error.message}`
    : "no answer yet";
  return (
    <span
      data-slot="freshness"
      data-fresh="false"
      title={why}
      className={cn("text-xs font-medium text-unknown", className)}
    >
      unknown · {age ? `last data ${age} old` : "never answered"} · {why}
    </span>
  );
}
