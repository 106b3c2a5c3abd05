"use client";

import { useQueries } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useWakeLock } from "@/lib/hooks/use-wake-lock";
import { WALL_UNKNOWN, type WallDenial, wallDenial, wallQuery } from "@/lib/queries/wall";
import { WallAccessNote } from "./wall-access-note";
import { WallPanel } from "./wall-panel";
import { WallStateWord } from "./wall-state-word";

/** Browsers hold about six connections per server: leave most of them to the polls. */
const MAX_EVENT_STREAMS = 4;

/** Few panels sit in one row (or column); more fill a grid as square as the count allows. */
function gridSides(panels: number): { narrow: number; wide: number } {
  const narrow = panels <= 3 ? 1 : Math.floor(Math.sqrt(panels));
  return { narrow, wide: Math.ceil(panels / narrow) };
}

/** Whether the server has refused this display; read from the panels' queries, never fetched here. */
function useWallDenial(clusterIds: string[]): WallDenial | null {
  return useQueries({
    queries: clusterIds.map((id) => ({ ...wallQuery.options(id), enabled: false })),
    combine: (results) => results.map((r) => wallDenial(r.error)).find((d) => d !== null) ?? null,
  });
}

function WallMissing({ clusterId, restricted }: { clusterId: string; restricted: boolean }) {
  return (
    <section
      data-testid="wall-panel"
      data-cluster={clusterId}
      className="[container-type:size] flex h-full flex-col justify-center gap-[2cqmin] rounded-[1.5cqmin] border border-wall-line bg-wall-panel p-[2.5cqmin]"
    >
      <WallStateWord {...WALL_UNKNOWN} />
      <p data-testid="wall-waiting" className="text-wall-md text-wall-fg">
        No cluster named &ldquo;{clusterId}&rdquo; is configured
        {restricted ? " for this display" : ""}.
      </p>
    </section>
  );
}

/** Several clusters side by side (stacked on a portrait screen). */
function WallGrid({
  clusterIds,
  unknownIds,
  restricted,
}: {
  clusterIds: string[];
  unknownIds: string[];
  restricted: boolean;
}) {
  const { narrow, wide } = gridSides(clusterIds.length);
  return (
    <div
      data-testid="wall-grid"
      style={{ "--wide": wide, "--narrow": narrow } as React.CSSProperties}
      className="grid h-full gap-[1vmin] portrait:grid-cols-[repeat(var(--narrow),minmax(0,1fr))] portrait:grid-rows-[repeat(var(--wide),minmax(0,1fr))] landscape:grid-cols-[repeat(var(--wide),minmax(0,1fr))] landscape:grid-rows-[repeat(var(--narrow),minmax(0,1fr))]"
    >
      {clusterIds.map((id, i) =>
        unknownIds.includes(id) ? (
          <WallMissing key={`${id}-${i}`} clusterId={id} restricted={restricted} />
        ) : (
          <WallPanel key={`${id}-${i}`} clusterId={id} live={i < MAX_EVENT_STREAMS} />
        ),
      )}
    </div>
  );
}

/** One cluster at a time, the next every `rotateMs`; the others keep polling so none shows old data. */
function WallRotation({ clusterIds, rotateMs }: { clusterIds: string[]; rotateMs: number }) {
  const [index, setIndex] = useState(0);
  useQueries({ queries: clusterIds.map((id) => wallQuery.options(id)) });
  useEffect(() => {
    if (clusterIds.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % clusterIds.length), rotateMs);
    return () => clearInterval(timer);
  }, [clusterIds.length, rotateMs]);
  const current = clusterIds[index % clusterIds.length];
  if (current === undefined) return null;
  return (
    <div className="relative h-full">
      <WallPanel clusterId={current} />
      {clusterIds.length > 1 && (
        <p
          data-testid="wall-rotation"
          className="absolute top-[1.5vmin] right-[2vmin] text-[1.8vmin] text-wall-muted tabular-nums"
        >
          {index + 1} / {clusterIds.length} · every {Math.round(rotateMs / 1000)} s
        </p>
      )}
    </div>
  );
}

/**
 * The wall: the clusters asked for side by side, or, with `rotateMs`, a rotation through them.
 * A cluster the configuration does not know gets a panel that says so, never a blank; a display
 * the server no longer accepts shows why instead of any cluster.
 */
export function WallBoard({
  clusterIds,
  rotateMs,
  unknownIds = [],
  restricted = false,
}: {
  clusterIds: string[];
  rotateMs: number | null;
  unknownIds?: string[];
  /** The viewer may see only some of the configured clusters. */
  restricted?: boolean;
}) {
  const denial = useWallDenial(clusterIds);
  // A wall is never touched: without this its screen would dim and sleep after a few minutes.
  useWakeLock();
  if (denial) return <WallAccessNote reason={denial} />;
  if (clusterIds.length === 0)
    return (
      <p data-testid="wall-waiting" className="p-[4vmin] text-[4vmin] text-wall-fg">
        No cluster is configured.
      </p>
    );
  return (
    <div className="h-full p-[1vmin]">
      {rotateMs === null ? (
        <WallGrid clusterIds={clusterIds} unknownIds={unknownIds} restricted={restricted} />
      ) : (
        <WallRotation clusterIds={clusterIds} rotateMs={rotateMs} />
      )}
    </div>
  );
}
