import "server-only";
import type { ClusterCollector, ClusterView } from "./cluster-collector";
import { overviewResponse } from "./surface-views";

/** What one event stream carries: a bare "changed" signal, or the overview's whole answer. */
export type StreamModel = "signal" | "overview";

export function streamModelOf(value: string | null): StreamModel | null {
  if (value === null || value === "" || value === "signal") return "signal";
  if (value === "overview") return "overview";
  return null;
}

const encoder = new TextEncoder();

// What a page shows changes only with the summary or the findings; one key per view, however
// many streams are open.
const changeKeys = new WeakMap<ClusterView, string>();

/** The key a signal stream compares to decide whether a view is worth an event. */
export function changeKey(view: ClusterView): string {
  let key = changeKeys.get(view);
  if (key === undefined) {
    key = JSON.stringify([
      view.summary,
      view.findings.map((f) => `${f.rule}|${f.subject}|${f.severity}`),
    ]);
    changeKeys.set(view, key);
  }
  return key;
}

/** A signal event: the view's time only, so that the page refetches. */
export function signalEvent(view: ClusterView): Uint8Array {
  return encoder.encode(
    `event: view\ndata: ${JSON.stringify({ takenAt: view.snapshot.takenAt })}\n\n`,
  );
}

// A view's overview answer, serialised once however many streams and requests carry it.
interface OverviewBytes {
  json: string;
  event?: Uint8Array;
  body?: Uint8Array<ArrayBuffer>;
}

const overviewBytes = new WeakMap<ClusterView, OverviewBytes>();

function bytesOf(collector: ClusterCollector, view: ClusterView): OverviewBytes {
  let bytes = overviewBytes.get(view);
  if (bytes === undefined) {
    bytes = { json: JSON.stringify(overviewResponse(collector, view)) };
    overviewBytes.set(view, bytes);
  }
  return bytes;
}

/**
 * An overview event: the same answer `/api/cluster` gives for this view, so an open page updates
 * without asking again.
 */
export function overviewEvent(collector: ClusterCollector, view: ClusterView): Uint8Array {
  const bytes = bytesOf(collector, view);
  return (bytes.event ??= encoder.encode(`event: view\ndata: ${bytes.json}\n\n`));
}

/** `/api/cluster`'s body for a view: every viewer asking between two views gets the same bytes. */
export function overviewBody(
  collector: ClusterCollector,
  view: ClusterView,
): Uint8Array<ArrayBuffer> {
  const bytes = bytesOf(collector, view);
  return (bytes.body ??= encoder.encode(bytes.json));
}
