import { newIncidentSchema } from "@/lib/history/admin-schema";
import { answer, asAdmin, signedIn, problem, readAdminRequest } from "@/lib/history/admin-routes";

/** Opens an incident by hand, with its public title and first update. */
export async function POST(request: Request) {
  const refused = signedIn(request);
  if (refused) return refused;
  const req = await readAdminRequest(request);
  const parsed = newIncidentSchema.safeParse(req.data);
  if (!parsed.success)
    return answer(req, { error: problem(parsed.error) }, problem(parsed.error), 400);
  const input = parsed.data;
  return asAdmin(request, req, input.clusterId, ({ store }) => {
    const incident = store.openIncident({ ...input, atMs: Date.now(), auto: false });
    return answer(req, incident, `Incident "${incident.title}" opened.`, 201);
  });
}
