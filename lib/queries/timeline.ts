import { queryOptions } from "@tanstack/react-query";
import type { Timeline } from "@/lib/surfaces/overview-timeline";

/** The strip is 24 hours wide: a minute moves it by less than a pixel on most screens. */
export const timelinePollMs = 30_000;

async function fetchTimeline(clusterId: string | null): Promise<Timeline> {
  const query = clusterId ? `?cluster=${encodeURIComponent(clusterId)}` : "";
  const response = await fetch(`/api/cluster/timeline${query}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `the dashboard server answered ${response.status}`);
  }
  return (await response.json()) as Timeline;
}

export const timelineQuery = {
  key: (clusterId: string | null) => ["timeline", clusterId ?? "default"] as const,
  options: (clusterId: string | null = null) =>
    queryOptions({
      queryKey: timelineQuery.key(clusterId),
      queryFn: () => fetchTimeline(clusterId),
      refetchInterval: timelinePollMs,
      retry: 0,
    }),
};
