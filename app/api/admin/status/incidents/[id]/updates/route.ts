import { incidentUpdateSchema } from "@/lib/history/admin-schema";
import {
  answer,
  asAdmin,
  signedIn,
  history,
  problem,
  readAdminRequest,
} from "@/lib/history/admin-routes";

type Params = { params: Promise<{ id: string }> };

/** Adds an update (investigating, identified, monitoring or resolved) to an incident. */
export async function POST(request: Request, { params }: Params) {
  const refused = signedIn(request);
  if (refused) return refused;
  const req = await readAdminRequest(request);
  const parsed = incidentUpdateSchema.safeParse(req.data);
  if (!parsed.success)
    return answer(req, { error: problem(parsed.error) }, problem(parsed.error), 400);
  const id = Number((await params).id);
  const incident = Number.isInteger(id) ? history().store.incident(id) : null;
  if (!incident) return answer(req, { error: "no such incident" }, "No such incident.", 404);
  return asAdmin(request, req, incident.clusterId, ({ store }) => {
    const updated = store.addIncidentUpdate(id, { ...parsed.data, atMs: Date.now() });
    return answer(req, updated, `Update added to "${incident.title}".`, 201);
  });
}
