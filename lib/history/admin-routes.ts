import "server-only";
import type { z } from "zod";
import { requireAdmin, type AdminSession } from "@/lib/auth/admin";
import { getRegistry } from "@/lib/collector/registry";
import { formObject } from "./admin-schema";
import { forgetPublicPages } from "./public-page";
import { startHistory, type HistoryService } from "./service";
import { excerpt } from "@/lib/http/excerpt";

const BACK = "/admin/status";
const NO_STORE = { "Cache-Control": "no-store" };

export interface AdminRequest {
  form: boolean;
  data: Record<string, unknown>;
}

/** A JSON body or an HTML form (fields named `lists` may repeat). */
export async function readAdminRequest(
  request: Request,
  lists: readonly string[] = [],
): Promise<AdminRequest> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body = (await request.json().catch(() => null)) as unknown;
    return {
      form: false,
      data: body && typeof body === "object" ? (body as Record<string, unknown>) : {},
    };
  }
  const form = await request.formData().catch(() => null);
  return { form: true, data: form ? formObject(form, lists) : {} };
}

/** A form goes back to the admin page with a note; a script gets JSON. */
export function answer(req: AdminRequest, body: unknown, note: string, status = 200): Response {
  if (!req.form) return Response.json(body, { status, headers: NO_STORE });
  const key = status < 400 ? "done" : "error";
  return new Response(null, {
    status: 303,
    headers: { ...NO_STORE, Location: `${BACK}?${key}=${encodeURIComponent(note)}` },
  });
}

/** The first problem zod found, as "field: message". */
export function problem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
}

/** Any signed-in admin, checked before a request's body is read or a record looked up. */
export function signedIn(request: Request): Response | null {
  const session = requireAdmin(request);
  return session instanceof Response ? session : null;
}

/**
 * Runs an admin change for a cluster: the session must be allowed to manage it, the cluster must
 * exist, and the public pages show the change on their next visit.
 */
export function asAdmin(
  request: Request,
  req: AdminRequest,
  clusterId: string,
  change: (history: HistoryService, session: AdminSession) => Response,
): Response {
  const registry = getRegistry();
  if (!registry.collectors.has(clusterId))
    return answer(
      req,
      { error: `no cluster ${excerpt(clusterId)}` },
      `No cluster ${excerpt(clusterId)}.`,
      404,
    );
  const session = requireAdmin(request, clusterId);
  if (session instanceof Response) return session;
  const history = startHistory(registry.config.history, registry.collectors.values());
  const response = change(history, session);
  forgetPublicPages();
  return response;
}

/**
 * An admin change to one existing incident: signed in first, then the body checked against
 * `schema`, the incident looked up by id, and the change run as an admin of its cluster.
 */
export async function changeIncident<T>(
  request: Request,
  params: Promise<{ id: string }>,
  schema: z.ZodType<T>,
  change: (
    history: HistoryService,
    incident: { id: number; clusterId: string; title: string },
    data: T,
    req: AdminRequest,
  ) => Response,
): Promise<Response> {
  const refused = signedIn(request);
  if (refused) return refused;
  const req = await readAdminRequest(request);
  const parsed = schema.safeParse(req.data);
  if (!parsed.success)
    return answer(req, { error: problem(parsed.error) }, problem(parsed.error), 400);
  const id = Number((await params).id);
  const incident = Number.isInteger(id) ? history().store.incident(id) : null;
  if (!incident) return answer(req, { error: "no such incident" }, "No such incident.", 404);
  return asAdmin(request, req, incident.clusterId, (h) =>
    change(h, { ...incident, id }, parsed.data, req),
  );
}

export function history(): HistoryService {
  const registry = getRegistry();
  return startHistory(registry.config.history, registry.collectors.values());
}

const DAY_MS = 86_400_000;

/** What the admin page shows a session: its clusters, their recent incidents and coming maintenance. */
export function adminView(session: AdminSession) {
  const { config, collectors } = getRegistry();
  const clusters = config.clusters
    .filter((c) => session.clusters === "*" || session.clusters.includes(c.id))
    .map((c) => ({ id: c.id, name: c.name ?? c.id }));
  const ids = clusters.map((c) => c.id);
  const { store } = startHistory(config.history, collectors.values());
  const now = Date.now();
  return {
    clusters,
    incidents: store.incidents(ids, now - 90 * DAY_MS),
    windows: store.maintenance(ids, now, now + 365 * DAY_MS),
  };
}
