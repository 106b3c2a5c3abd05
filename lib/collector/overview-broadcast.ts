import "server-only";
import type { ClusterCollector, ClusterView } from "./cluster-collector";
import { overviewEvent } from "./view-events";

/**
 * Each source's answer builds a view, several per poll within a few hundred milliseconds. A view is
 * pushed once no newer one has come for OVERVIEW_SETTLE_MS, and never later than OVERVIEW_PUSH_MS
 * after the first one waiting, so that a poll costs each open page one event, not one per source.
 */
export const OVERVIEW_SETTLE_MS = 250;
export const OVERVIEW_PUSH_MS = 1_000;
/**
 * Streams written at a time, and the pause between two such batches: a push to hundreds of open
 * pages is spread over a few hundred milliseconds instead of holding the event loop in one burst,
 * so that requests arriving meanwhile are answered between batches.
 */
const STREAMS_PER_BATCH = 10;
const BATCH_PAUSE_MS = 10;

type Send = (bytes: Uint8Array) => void;

interface Channel {
  streams: Set<Send>;
  off: () => void;
  latest: ClusterView | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** When the oldest view not yet pushed arrived. */
  waitingSince: number | null;
  /** Counts pushes: a push still under way when a newer one starts stops, never to send old bytes. */
  pushes: number;
}

const channels = new WeakMap<ClusterCollector, Channel>();

function fanOut(channel: Channel, bytes: Uint8Array): void {
  const targets = [...channel.streams];
  const push = ++channel.pushes;
  const batch = (from: number) => {
    if (push !== channel.pushes) return;
    for (const send of targets.slice(from, from + STREAMS_PER_BATCH))
      if (channel.streams.has(send)) send(bytes);
    if (from + STREAMS_PER_BATCH < targets.length)
      setTimeout(batch, BATCH_PAUSE_MS, from + STREAMS_PER_BATCH);
  };
  batch(0);
}

/**
 * Subscribes one open overview stream to the cluster's views: the collector is followed once per
 * cluster however many streams are open, and each pushed view is serialised once for all of them.
 * Returns the unsubscribe.
 */
export function followOverview(collector: ClusterCollector, send: Send): () => void {
  let channel = channels.get(collector);
  if (!channel) {
    const created: Channel = {
      streams: new Set(),
      off: () => {},
      latest: null,
      timer: null,
      waitingSince: null,
      pushes: 0,
    };
    const push = () => {
      created.timer = null;
      created.waitingSince = null;
      if (created.latest) fanOut(created, overviewEvent(collector, created.latest));
    };
    created.off = collector.onUpdate((view) => {
      const now = Date.now();
      created.latest = view;
      created.waitingSince ??= now;
      if (created.timer) clearTimeout(created.timer);
      const deadline = created.waitingSince + OVERVIEW_PUSH_MS;
      created.timer = setTimeout(push, Math.max(0, Math.min(OVERVIEW_SETTLE_MS, deadline - now)));
    });
    channels.set(collector, (channel = created));
  }
  const joined = channel;
  joined.streams.add(send);
  return () => {
    joined.streams.delete(send);
    if (joined.streams.size > 0) return;
    joined.off();
    if (joined.timer) clearTimeout(joined.timer);
    channels.delete(collector);
  };
}
