import { maintenanceSchema } from "@/lib/history/admin-schema";
import { answer, asAdmin, signedIn, problem, readAdminRequest } from "@/lib/history/admin-routes";

/** Schedules a maintenance window, now or announced ahead. */
export async function POST(request: Request) {
  const refused = signedIn(request);
  if (refused) return refused;
  const req = await readAdminRequest(request, ["componentIds"]);
  const parsed = maintenanceSchema.safeParse(req.data);
  if (!parsed.success)
    return answer(req, { error: problem(parsed.error) }, problem(parsed.error), 400);
  const m = parsed.data;
  return asAdmin(request, req, m.clusterId, ({ store }) => {
    const window = store.scheduleMaintenance({
      clusterId: m.clusterId,
      componentIds: m.componentIds,
      title: m.title,
      body: m.body,
      startsAtMs: m.startsAt,
      endsAtMs: m.endsAt,
      createdAtMs: Date.now(),
    });
    return answer(req, window, `Maintenance "${window.title}" scheduled.`, 201);
  });
}
