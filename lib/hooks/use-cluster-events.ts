"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState } from "react";
import { clusterQuery } from "@/lib/queries/cluster";

/** How long to wait before reopening a stream the browser gave up on. */
const REOPEN_MS = 5_000;

interface ClusterEventsOptions {
  /** The query a `view` event refreshes; by default the overview's. */
  queryKey?: QueryKey;
  /**
   * "overview": each event carries the overview's whole answer, written straight into the query;
   * "signal": each event only says that the view changed, and the query refetches.
   */
  model?: "signal" | "overview";
  enabled?: boolean;
}

/**
 * Follows the server's event stream for a cluster and keeps `queryKey` current from it. Returns
 * whether the stream is open: while it is, a page may poll rarely; when it drops, the page's own
 * polling is what notices a silent server.
 */
export function useClusterEvents(
  clusterId: string | null,
  {
    queryKey = clusterQuery.key(clusterId),
    model = "signal",
    enabled = true,
  }: ClusterEventsOptions = {},
): boolean {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  const refresh = useEffectEvent(() => void client.invalidateQueries({ queryKey }));
  const receive = useEffectEvent((data: string) => {
    if (model === "signal") {
      refresh();
      return;
    }
    try {
      client.setQueryData(queryKey, JSON.parse(data) as unknown);
    } catch {
      // An event cut short by a proxy: ask the route instead.
      refresh();
    }
  });
  useEffect(() => {
    if (!enabled) return;
    const params = new URLSearchParams();
    if (clusterId) params.set("cluster", clusterId);
    if (model !== "signal") params.set("model", model);
    const query = params.toString();
    const url = query ? `/api/events?${query}` : "/api/events";
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let interrupted = false;
    const onView = (event: MessageEvent<string>) => receive(event.data);
    const open = () => {
      source = new EventSource(url);
      source.addEventListener("view", onView);
      source.onopen = () => {
        setLive(true);
        // Changes made while the stream was down sent no event: catch up once it is back. An
        // overview stream starts with the current view, so only a signal stream needs this.
        if (interrupted && model === "signal") refresh();
        interrupted = false;
      };
      source.onerror = () => {
        setLive(false);
        // Ask at once rather than at the next poll: a server that is gone shows as such now.
        if (!interrupted && model !== "signal") refresh();
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
      setLive(false);
    };
  }, [clusterId, enabled, model]);
  return live;
}
