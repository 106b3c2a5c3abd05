import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { prefetchOverview } from "@/lib/collector/surface-views";
import { clusterQuery } from "@/lib/queries/cluster";
import { getQueryClient } from "@/lib/queries/get-query-client";

/**
 * Renders per request with the overview's view model of the latest poll handed to the client's
 * query, so the first HTML already shows the cluster's real state, with or without JavaScript.
 */
export async function OverviewHydration({
  searchParams,
  render,
}: {
  searchParams: Promise<{ cluster?: string }>;
  render: (clusterId: string | null) => ReactNode;
}) {
  await connection();
  const clusterId = (await searchParams).cluster ?? null;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    ...clusterQuery.options(clusterId),
    queryFn: async () => {
      const first = await prefetchOverview(clusterId);
      // The id came from the URL: not echoed back.
      if (!first) throw new Error("no such cluster is configured");
      return first;
    },
  });
  return <HydrationBoundary state={dehydrate(queryClient)}>{render(clusterId)}</HydrationBoundary>;
}
