import { incidentEditSchema } from "@/lib/history/admin-schema";
import {
  answer,
  asAdmin,
  signedIn,
  history,
  problem,
  readAdminRequest,
} from "@/lib/history/admin-routes";

type Params = { params: Promise<{ id: string }> };

/** Changes an incident's public title, impact or postmortem. */
export async function POST(request: Request, { params }: Params) {
  const refused = signedIn(request);
  if (refused) return refused;
  const req = await readAdminRequest(request);
  const parsed = incidentEditSchema.safeParse(req.data);
  if (!parsed.success)
    return answer(req, { error: problem(parsed.error) }, problem(parsed.error), 400);
  const id = Number((await params).id);
  const incident = Number.isInteger(id) ? history().store.incident(id) : null;
  if (!incident) return answer(req, { error: "no such incident" }, "No such incident.", 404);
  return asAdmin(request, req, incident.clusterId, ({ store }) => {
    const edited = store.editIncident(id, parsed.data);
    return answer(req, edited, `Incident "${edited?.title}" saved.`);
  });
}
