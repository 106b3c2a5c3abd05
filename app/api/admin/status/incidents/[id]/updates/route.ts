import { incidentUpdateSchema } from "@/lib/history/admin-schema";
import { answer, changeIncident } from "@/lib/history/admin-routes";

type Params = { params: Promise<{ id: string }> };

/** Adds an update (investigating, identified, monitoring or resolved) to an incident. */
export function POST(request: Request, { params }: Params) {
  return changeIncident(request, params, incidentUpdateSchema, ({ store }, incident, data, req) => {
    const updated = store.addIncidentUpdate(incident.id, { ...data, atMs: Date.now() });
    return answer(req, updated, `Update added to "${incident.title}".`, 201);
  });
}
