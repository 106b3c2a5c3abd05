import { jsonNoStore } from "@/lib/collector/respond";
import { demoControlUrl } from "@/lib/demo/control";

/**
 * The server's memory after a full garbage collection, for the load and soak benchmark: only in a
 * demo whose dashboard runs with --expose-gc, so a production server never offers it.
 */
export function GET() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!demoControlUrl() || !gc) return jsonNoStore({ error: "not available" }, 404);
  gc();
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  return jsonNoStore({ heapUsed, rss, external, arrayBuffers });
}
