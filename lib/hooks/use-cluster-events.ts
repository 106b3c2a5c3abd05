"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { clusterQuery } from "@/lib/queries/cluster";

/** Refetches the cluster view when the server says it changed; polling stays as the fallback. */
export function useClusterEvents(clusterId: string | null): void {
  const client = useQueryClient();
  useEffect(() => {
    const url = clusterId ? `/api/events?cluster=${encodeURIComponent(clusterId)}` : "/api/events";
    const source = new EventSource(url);
    const refresh = () => void client.invalidateQueries({ queryKey: clusterQuery.key(clusterId) });
    source.addEventListener("view", refresh);
    return () => {
      source.removeEventListener("view", refresh);
      source.close();
    };
  }, [client, clusterId]);
}
