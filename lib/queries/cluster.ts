import { queryOptions } from "@tanstack/react-query";
import type { OverviewModel } from "@/lib/surfaces/overview";
import { dashboardPollMs, streamBackstopPollMs } from "./polling";

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
  /** `streaming`: the page's overview stream is open and brings each view, so polling can rest. */
  options: (clusterId: string | null = null, streaming = false) =>
    queryOptions({
      queryKey: clusterQuery.key(clusterId),
      queryFn: () => fetchCluster(clusterId),
      refetchInterval: streaming ? streamBackstopPollMs : dashboardPollMs,
      refetchIntervalInBackground: false,
      retry: 0,
    }),
};
