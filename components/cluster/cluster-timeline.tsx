"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatAge } from "@/lib/format";
import { timelineQuery } from "@/lib/queries/timeline";
import { WALL_STATE_TONES, type WallState } from "@/lib/surfaces/cluster-state";
import type { Timeline, TimelineChange, TimelineSpan } from "@/lib/surfaces/overview-timeline";
import { panelSide, timelinePercent } from "@/lib/surfaces/overview-timeline-layout";
import { TONE_ICONS, type Tone } from "@/lib/surfaces/tone";

const SPAN_FILL: Record<Tone, string> = {
  ok: "bg-ok",
  warn: "bg-warn",
  crit: "bg-crit",
  unknown: "bg-unknown-soft text-unknown",
  info: "bg-info",
};

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function spanLabel(span: TimelineSpan): string {
  const why = span.recorded ? "" : " (nothing recorded)";
  return `${span.state}${why} from ${clock(span.startMs)} to ${clock(span.endMs)}`;
}

function ChangeMark({ timeline, change }: { timeline: Timeline; change: TimelineChange }) {
  const at = timelinePercent(timeline, change.atMs);
  const label = `${clock(change.atMs)}: ${change.from} → ${change.to}`;
  return (
    <details name="timeline-change" data-testid="timeline-change" data-at={change.atMs}>
      <summary
        aria-label={label}
        title={label}
        style={{ left: `${at}%` }}
        className="absolute inset-y-0 z-10 flex w-3 -translate-x-1/2 cursor-pointer list-none justify-center [&::-webkit-details-marker]:hidden"
      >
        <span className="h-full w-0.5 bg-slate-900" />
      </summary>
      <div
        className={cn(
          "absolute top-full z-20 mt-2 w-72 max-w-full rounded border border-slate-300 bg-white p-2 text-sm shadow-lg",
          panelSide(at) === "left" ? "left-0" : "right-0",
        )}
        data-testid="timeline-change-panel"
      >
        <p className="font-semibold">{label}</p>
        <ul className="mt-1 list-disc pl-4 text-slate-700">
          {change.lines.map((line) => (
            <li key={line} className="break-words">
              {line}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}

function Strip({ timeline }: { timeline: Timeline }) {
  return (
    <div className="relative">
      <div className="flex h-6 overflow-hidden rounded border border-slate-300" role="list">
        {timeline.spans.map((span) => (
          <div
            key={span.startMs}
            role="listitem"
            aria-label={spanLabel(span)}
            title={spanLabel(span)}
            data-testid="timeline-span"
            data-state={span.state}
            data-recorded={String(span.recorded)}
            style={{
              width: `${timelinePercent(timeline, span.endMs) - timelinePercent(timeline, span.startMs)}%`,
            }}
            className={cn(SPAN_FILL[WALL_STATE_TONES[span.state]], !span.recorded && "bg-stripes")}
          />
        ))}
      </div>
      {timeline.changes.map((change) => (
        <ChangeMark key={change.atMs} timeline={timeline} change={change} />
      ))}
    </div>
  );
}

function Totals({ timeline }: { timeline: Timeline }) {
  const shown = timeline.totals.filter((t) => t.ms > 0);
  return (
    <p className="flex flex-wrap gap-x-3 text-xs text-slate-600" data-testid="timeline-totals">
      {shown.map((t) => (
        <span key={t.state} data-state={t.state}>
          <span aria-hidden="true">{TONE_ICONS[WALL_STATE_TONES[t.state]]} </span>
          {t.state} {formatAge(t.ms)}
        </span>
      ))}
      <span>
        {timeline.changes.length + timeline.omittedChanges} changes
        {timeline.omittedChanges > 0 ? ` (the latest ${timeline.changes.length} marked)` : ""}
      </span>
    </p>
  );
}

/** The cluster's state over the last 24 hours from the recorded history, changes marked. */
export function ClusterTimeline({
  clusterId,
  state,
}: {
  clusterId: string | null;
  state: WallState;
}) {
  const client = useQueryClient();
  const { data, error } = useQuery(timelineQuery.options(clusterId));
  // A new state is recorded as the overview receives it: fetch the strip again at once.
  useEffect(() => {
    void client.invalidateQueries({ queryKey: timelineQuery.key(clusterId) });
  }, [client, clusterId, state]);
  return (
    <Card data-testid="timeline" className="py-3">
      <CardTitle className="mb-2">Last 24 hours</CardTitle>
      {data ? (
        <div className="flex flex-col gap-1">
          <Strip timeline={data} />
          <div className="flex justify-between text-xs text-slate-600" aria-hidden="true">
            <span>{clock(data.fromMs)}</span>
            <span>now</span>
          </div>
          <Totals timeline={data} />
        </div>
      ) : error ? (
        <p className="text-sm text-unknown" role="status">
          The history is unknown: {error.message}
        </p>
      ) : (
        <p className="text-sm text-slate-600">Reading the recorded history…</p>
      )}
    </Card>
  );
}
