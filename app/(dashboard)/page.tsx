import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { connection } from "next/server";
import { ClusterOverview } from "@/components/cluster/cluster-overview";
import { prefetchOverview } from "@/lib/collector/surface-views";
import { clusterQuery } from "@/lib/queries/cluster";
import { getQueryClient } from "@/lib/queries/get-query-client";

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<{ cluster?: string }>;
}) {
  // Rendered per request: the first HTML already carries the latest poll, so a page without
  // JavaScript, or before the client's first fetch, shows the cluster's real state.
  await connection();
  const { cluster } = await searchParams;
  const clusterId = cluster ?? null;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    ...clusterQuery.options(clusterId),
    queryFn: async () => {
      const first = await prefetchOverview(clusterId);
      if (!first) throw new Error(`no cluster "${clusterId}"`);
      return first;
    },
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ClusterOverview clusterId={clusterId} />
    </HydrationBoundary>
  );
}
