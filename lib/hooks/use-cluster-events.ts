"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent } from "react";
import { clusterQuery } from "@/lib/queries/cluster";

/** How long to wait before reopening a stream the browser gave up on. */
const REOPEN_MS = 5_000;

/**
 * Refetches `queryKey` (by default the overview's) when the server says the cluster's view
 * changed; the query's own polling stays as the fallback.
 */
export function useClusterEvents(
  clusterId: string | null,
  queryKey: QueryKey = clusterQuery.key(clusterId),
  enabled = true,
): void {
  const client = useQueryClient();
  const refresh = useEffectEvent(() => void client.invalidateQueries({ queryKey }));
  useEffect(() => {
    if (!enabled) return;
    const url = clusterId ? `/api/events?cluster=${encodeURIComponent(clusterId)}` : "/api/events";
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let interrupted = false;
    const onView = () => refresh();
    const open = () => {
      source = new EventSource(url);
      source.addEventListener("view", onView);
      source.onopen = () => {
        // Changes made while the stream was down sent no event: catch up once it is back.
        if (interrupted) refresh();
        interrupted = false;
      };
      source.onerror = () => {
        interrupted = true;
        // The browser retries by itself, except after an answer that is not an event stream
        // (a 404, a proxy's error page); then it closes for good, so reopen it here.
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        reopen = setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.removeEventListener("view", onView);
      source?.close();
    };
  }, [clusterId, enabled]);
}
