"use client";

import { useSyncExternalStore } from "react";
import { formatAge } from "@/lib/format";
import type { WallLink } from "@/lib/queries/wall";
import type { WallModel } from "@/lib/surfaces/wall";
import { WallToneLabel } from "./wall-tone-label";

const noSubscription = () => () => {};

/** The server renders in UTC and says so; the browser then shows its own local time. */
function useClock(): { timeZone: string | undefined; suffix: string } {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return inBrowser ? { timeZone: undefined, suffix: "" } : { timeZone: "UTC", suffix: " UTC" };
}

function clockTime(at: string | number, timeZone: string | undefined): string {
  return new Date(at).toLocaleTimeString("en-GB", { hour12: false, timeZone });
}

/** When the data was taken, which sources are stale, and whether the server still answers. */
export function WallDataTime({
  takenAt,
  stale,
  link,
}: {
  takenAt: string;
  stale: WallModel["stale"];
  link: WallLink;
}) {
  const { timeZone, suffix } = useClock();
  return (
    <div className="flex flex-col gap-[0.4cqmin] text-wall-sm leading-tight">
      <p data-testid="wall-data-time" className="text-wall-muted">
        Data from{" "}
        <time dateTime={takenAt} className="font-semibold text-wall-fg tabular-nums">
          {clockTime(takenAt, timeZone)}
          {suffix}
        </time>
      </p>
      {stale.sources > 0 && (
        <p data-testid="wall-stale">
          <WallToneLabel tone="unknown" className="font-semibold">
            {stale.sources === 1 ? "1 source stale" : `${stale.sources} sources stale`},{" "}
            {stale.oldestAgeMs === null
              ? "never answered"
              : `oldest ${formatAge(stale.oldestAgeMs)}`}
          </WallToneLabel>
        </p>
      )}
      {link.status !== "live" && (
        <p data-testid="wall-link" data-status={link.status}>
          <WallToneLabel tone="unknown" className="font-semibold">
            No answer from the dashboard server since {clockTime(link.lastAnswerAt, timeZone)}
            {suffix}
            {link.status === "lost" ? ` (${formatAge(link.ageMs)})` : ""}, reconnecting
          </WallToneLabel>
        </p>
      )}
    </div>
  );
}
