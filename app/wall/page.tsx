import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { connection } from "next/server";
import { WallAccessNote } from "@/components/wall/wall-access-note";
import { WallBoard } from "@/components/wall/wall-board";
import { mayShowCluster } from "@/lib/auth/display";
import { wallAccessForPage } from "@/lib/auth/display-access";
import { getRegistry } from "@/lib/collector/registry";
import { prefetchWall } from "@/lib/collector/surface-views";
import { getQueryClient } from "@/lib/queries/get-query-client";
import { wallQuery } from "@/lib/queries/wall";
import { excerpt } from "@/lib/http/excerpt";

const DEFAULT_ROTATE_SECONDS = 15;

/** `?rotate=<seconds>`, from 2 s to an hour; anything else is the default. */
function rotateSeconds(value: string | string[] | undefined): number {
  const seconds = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(seconds) && seconds >= 2 && seconds <= 3_600
    ? seconds
    : DEFAULT_ROTATE_SECONDS;
}

export default async function WallPage({
  searchParams,
}: {
  searchParams: Promise<{
    cluster?: string | string[];
    rotate?: string | string[];
    pairing?: string | string[];
  }>;
}) {
  // Rendered per request, so the first HTML already shows each cluster's latest state word.
  await connection();
  const { cluster, rotate, pairing } = await searchParams;
  const access = await wallAccessForPage();
  if (access.kind === "denied")
    return <WallAccessNote reason={access.reason} pairing={[pairing].flat()[0] ?? null} />;
  const configured = getRegistry()
    .config.clusters.map((c) => c.id)
    .filter((id) => mayShowCluster(access, id));
  const requested = [cluster ?? []].flat().filter((id) => id !== "");
  const clusterIds = requested.length > 0 ? requested : configured;
  const unknownIds = clusterIds.filter((id) => !configured.includes(id));
  const queryClient = getQueryClient();
  await Promise.all(
    clusterIds
      .filter((id) => !unknownIds.includes(id))
      .map((id) =>
        queryClient.prefetchQuery({
          ...wallQuery.options(id),
          queryFn: async () => {
            const first = await prefetchWall(id);
            if (!first) throw new Error(`no cluster ${excerpt(id)}`);
            return first;
          },
        }),
      ),
  );
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <WallBoard
        clusterIds={clusterIds}
        unknownIds={unknownIds}
        restricted={access.kind !== "open" && access.clusters !== "*"}
        rotateMs={requested.length > 0 ? null : rotateSeconds(rotate) * 1_000}
      />
    </HydrationBoundary>
  );
}
