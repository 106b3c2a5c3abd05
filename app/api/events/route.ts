import { getCollector } from "@/lib/collector/registry";
import { jsonNoStore } from "@/lib/collector/respond";

/**
 * Server-sent events: one line per new view, so pages refetch as soon as a source changes instead
 * of waiting for their next poll. Carries no cluster data itself.
 */
export function GET(request: Request) {
  const id = new URL(request.url).searchParams.get("cluster");
  const collector = getCollector(id);
  if (!collector) return jsonNoStore({ error: "unknown cluster" }, 404);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 2000\n\n");
      let last = "";
      const off = collector.onUpdate((view) => {
        const key = JSON.stringify([
          view.summary,
          view.findings.map((f) => `${f.rule}|${f.subject}|${f.severity}`),
        ]);
        if (key === last) return;
        last = key;
        send(`event: view\ndata: ${JSON.stringify({ takenAt: view.snapshot.takenAt })}\n\n`);
      });
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), 15_000);
      cleanup = () => {
        off();
        clearInterval(keepAlive);
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      });
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
