import type { WallModel } from "@/lib/surfaces/wall";
import { WallToneLabel } from "./wall-tone-label";

/** DRBD resources or OCFS2 volumes as counts by state; a wall never lists them. */
export function WallStorageCounts({
  label,
  units,
  summary,
}: {
  label: string;
  /** What one and several of them are called. */
  units: [one: string, many: string];
  summary: WallModel["drbd"];
}) {
  if (!summary) return null;
  return (
    <p
      data-testid="wall-storage"
      data-kind={label}
      className="flex flex-wrap items-baseline gap-x-[2cqmin] gap-y-[0.5cqmin] text-wall-sm leading-tight"
    >
      <span className="font-bold text-wall-fg">
        {label}{" "}
        <span className="font-normal text-wall-muted">{`${summary.total} ${summary.total === 1 ? units[0] : units[1]}`}</span>
      </span>
      {summary.counts.map((c) => (
        <WallToneLabel key={c.word} tone={c.tone} className="font-semibold">
          <span data-testid="wall-storage-count" data-word={c.word}>
            {c.count} {c.word}
          </span>
        </WallToneLabel>
      ))}
    </p>
  );
}
