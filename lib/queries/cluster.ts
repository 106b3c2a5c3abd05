import { queryOptions } from "@tanstack/react-query";
import type { OverviewModel } from "@/lib/surfaces/overview";
import { dashboardPollMs } from "./polling";

export type ClusterResponse = { pending: true } | ({ pending?: false } & OverviewModel);

async function fetchCluster(clusterId: string | null): Promise<ClusterResponse> {
  const url = clusterId ? `/api/cluster?cluster=${encodeURIComponent(clusterId)}` : "/api/cluster";
  const response = await fetch(url, { cache: "no-store" });
  if (response.status === 202) return { pending: true };
  if (!response.ok) throw new Error(`the dashboard server answered ${response.status}`);
  return (await response.json()) as ClusterResponse;
}

export const clusterQuery = {
  key: (clusterId: string | null) => ["cluster", clusterId ?? "default"] as const,
  options: (clusterId: string | null = null) =>
    queryOptions({
      queryKey: clusterQuery.key(clusterId),
      queryFn: () => fetchCluster(clusterId),
      refetchInterval: dashboardPollMs,
      refetchIntervalInBackground: false,
      retry: 0,
    }),
};
