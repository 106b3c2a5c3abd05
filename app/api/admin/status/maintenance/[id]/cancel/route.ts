import { answer, asAdmin, signedIn, history, readAdminRequest } from "@/lib/history/admin-routes";

type Params = { params: Promise<{ id: string }> };

/** Cancels a maintenance window; its time counts as it was recorded again. */
export async function POST(request: Request, { params }: Params) {
  const refused = signedIn(request);
  if (refused) return refused;
  const req = await readAdminRequest(request);
  const id = Number((await params).id);
  const window = Number.isInteger(id) ? history().store.maintenanceWindow(id) : null;
  if (!window) return answer(req, { error: "no such window" }, "No such maintenance window.", 404);
  return asAdmin(request, req, window.clusterId, ({ store }) => {
    store.cancelMaintenance(id);
    return answer(req, { ok: true }, `Maintenance "${window.title}" cancelled.`);
  });
}
