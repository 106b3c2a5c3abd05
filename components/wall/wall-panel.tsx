"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useClusterEvents } from "@/lib/hooks/use-cluster-events";
import { WALL_UNKNOWN, wallLink, wallQuery } from "@/lib/queries/wall";
import { WallCluster } from "./wall-cluster";
import { WallStateWord } from "./wall-state-word";

/** The browser's clock, ticking each second; null until the first tick after hydration. */
function useNow(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A cluster's panel: the last answer stays on screen, and says so when the server goes quiet. */
export function WallPanel({ clusterId, live = true }: { clusterId: string; live?: boolean }) {
  const { data, error, dataUpdatedAt, isError } = useQuery(wallQuery.options(clusterId));
  useClusterEvents(clusterId, { queryKey: wallQuery.key(clusterId), enabled: live });
  const now = useNow();
  return (
    <section
      data-testid="wall-panel"
      data-cluster={clusterId}
      className="[container-type:size] h-full min-h-0 min-w-0 rounded-[1.5cqmin] border border-wall-line bg-wall-panel p-[2.5cqmin]"
    >
      {data && !data.pending ? (
        <WallCluster model={data} link={wallLink(dataUpdatedAt, isError, now)} />
      ) : (
        <div className="flex h-full flex-col justify-center gap-[2cqmin]">
          <h1 className="text-wall-md font-bold text-wall-muted">{clusterId}</h1>
          <WallStateWord {...WALL_UNKNOWN} />
          <p data-testid="wall-waiting" className="text-wall-sm text-wall-fg">
            {error
              ? `No answer from the dashboard server: ${error.message}. Retrying.`
              : "Waiting for the first poll of this cluster."}
          </p>
        </div>
      )}
    </section>
  );
}
