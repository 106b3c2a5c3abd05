import { incidentEditSchema } from "@/lib/history/admin-schema";
import { answer, changeIncident } from "@/lib/history/admin-routes";

type Params = { params: Promise<{ id: string }> };

/** Changes an incident's public title, impact or postmortem. */
export function POST(request: Request, { params }: Params) {
  return changeIncident(request, params, incidentEditSchema, ({ store }, incident, data, req) => {
    const edited = store.editIncident(incident.id, data);
    return answer(req, edited, `Incident "${edited?.title}" saved.`);
  });
}
