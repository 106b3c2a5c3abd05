import "server-only";
import type { ClusterCollector } from "./cluster-collector";
import { getCollector, getRegistry } from "./registry";
import { excerpt } from "@/lib/http/excerpt";

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonNoStore(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** Resolves ?cluster=<id> (default: the first configured) or answers 404. */
export function withCollector(
  request: Request,
  respond: (collector: ClusterCollector) => Response,
): Response {
  const id = new URL(request.url).searchParams.get("cluster");
  const collector = getCollector(id);
  if (!collector) {
    const known = [...getRegistry().collectors.keys()].join(", ");
    return jsonNoStore({ error: `no cluster ${excerpt(id)}; configured: ${known}` }, 404);
  }
  return respond(collector);
}
