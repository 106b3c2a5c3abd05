import { mayShowCluster } from "@/lib/auth/display";
import {
  hasDisplayCookie,
  wallAccessOf,
  wallDenied,
  wallForbidden,
} from "@/lib/auth/display-access";
import type { ClusterView } from "@/lib/collector/cluster-collector";
import { identityOf } from "@/lib/auth/admin";
import { followOverview } from "@/lib/collector/overview-broadcast";
import { getCollector } from "@/lib/collector/registry";
import { jsonNoStore } from "@/lib/collector/respond";
import { changeKey, overviewEvent, signalEvent, streamModelOf } from "@/lib/collector/view-events";

const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");
const RETRY = encoder.encode("retry: 2000\n\n");

/** Events a client may leave unread before its stream is treated as gone. */
const MAX_QUEUED_EVENTS = 64;

/**
 * Server-sent events, one per new view. By default a bare signal when the summary or the findings
 * change, so a page refetches; with `?model=overview`, the overview's whole answer for every view,
 * so an open overview needs no polling at all.
 */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const collector = getCollector(params.get("cluster"));
  if (!collector) return jsonNoStore({ error: "unknown cluster" }, 404);
  const model = streamModelOf(params.get("model"));
  if (!model) return jsonNoStore({ error: "?model= is signal or overview" }, 400);
  // The overview's data is for whoever may read /api/cluster; a display cookie is not enough.
  if (model === "overview" && !identityOf(request))
    return jsonNoStore({ error: "sign in first: /admin/login" }, 401);
  // A paired wall sends its display cookie: its signal stream needs a valid pairing, and ends once
  // the key is revoked.
  const display = model === "signal" && hasDisplayCookie(request);
  if (display) {
    const access = wallAccessOf(request);
    if (access.kind === "denied") return wallDenied(access.reason);
    if (!mayShowCluster(access, collector.config.id)) return wallForbidden(collector.config.id);
  }
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
      const send = (bytes: Uint8Array) => {
        if (!open) return;
        // A client that stopped reading without the disconnect reaching us: its queue only grows.
        if (request.signal.aborted || (controller.desiredSize ?? 0) < -MAX_QUEUED_EVENTS) {
          finish();
          return;
        }
        try {
          controller.enqueue(bytes);
        } catch {
          finish();
        }
      };
      let last = "";
      const onSignal = (view: ClusterView) => {
        if (display && wallAccessOf(request).kind === "denied") {
          // One last event sends the wall to /api/wall, which tells it why it stops.
          send(signalEvent(view));
          finish();
          return;
        }
        const key = changeKey(view);
        if (key === last) return;
        last = key;
        send(signalEvent(view));
      };
      const off =
        model === "overview" ? followOverview(collector, send) : collector.onUpdate(onSignal);
      const keepAlive = setInterval(() => send(KEEP_ALIVE), 15_000);
      const onAbort = () => finish();
      request.signal.addEventListener("abort", onAbort, { once: true });
      send(RETRY);
      // A page that (re)opens its overview stream is brought up to date at once.
      const current = collector.current();
      if (model === "overview" && current) send(overviewEvent(collector, current));
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
