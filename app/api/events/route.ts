import { mayShowCluster } from "@/lib/auth/display";
import {
  hasDisplayCookie,
  wallAccessOf,
  wallDenied,
  wallForbidden,
} from "@/lib/auth/display-access";
import type { ClusterView } from "@/lib/collector/cluster-collector";
import { getCollector } from "@/lib/collector/registry";
import { jsonNoStore } from "@/lib/collector/respond";

// What a page shows changes only with the summary or the findings; one key per view, however
// many streams are open.
const changeKeys = new WeakMap<ClusterView, string>();
function changeKey(view: ClusterView): string {
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

/** Events a client may leave unread before its stream is treated as gone. */
const MAX_QUEUED_EVENTS = 64;

/**
 * Server-sent events: one line per new view, so pages refetch as soon as a source changes instead
 * of waiting for their next poll. Carries no cluster data itself.
 */
export function GET(request: Request) {
  const id = new URL(request.url).searchParams.get("cluster");
  const collector = getCollector(id);
  if (!collector) return jsonNoStore({ error: "unknown cluster" }, 404);
  // The stream carries no cluster data and also feeds the open overview. A paired wall sends its
  // display cookie: that stream needs a valid pairing, and ends once the key is revoked.
  const display = hasDisplayCookie(request);
  if (display) {
    const access = wallAccessOf(request);
    if (access.kind === "denied") return wallDenied(access.reason);
    if (!mayShowCluster(access, collector.config.id)) return wallForbidden(collector.config.id);
  }
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const finish = () => {
        if (!open) return;
        open = false;
        off();
        clearInterval(keepAlive);
        request.signal.removeEventListener("abort", onAbort);
        try {
          controller.close();
        } catch {
          // already closed or cancelled by the client
        }
      };
      cleanup = finish;
      const send = (text: string) => {
        if (!open) return;
        // A client that stopped reading without the disconnect reaching us: its queue only grows.
        if (request.signal.aborted || (controller.desiredSize ?? 0) < -MAX_QUEUED_EVENTS) {
          finish();
          return;
        }
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      let last = "";
      const off = collector.onUpdate((view) => {
        if (display && wallAccessOf(request).kind === "denied") {
          // One last event sends the wall to /api/wall, which tells it why it stops.
          send(`event: view\ndata: ${JSON.stringify({ takenAt: view.snapshot.takenAt })}\n\n`);
          finish();
          return;
        }
        const key = changeKey(view);
        if (key === last) return;
        last = key;
        send(`event: view\ndata: ${JSON.stringify({ takenAt: view.snapshot.takenAt })}\n\n`);
      });
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), 15_000);
      const onAbort = () => finish();
      request.signal.addEventListener("abort", onAbort, { once: true });
      send("retry: 2000\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
