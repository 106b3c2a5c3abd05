import { z } from "zod";
import { requireAdmin } from "@/lib/auth/admin";
import { getCollector } from "@/lib/collector/registry";
import { jsonNoStore } from "@/lib/collector/respond";
import { getWizardStore } from "@/lib/setup/wizard-store";
import { wizardActionSchema } from "@/lib/surfaces/qdevice-setup-progress";
import { excerpt } from "@/lib/http/excerpt";

const bodySchema = z.intersection(
  z.object({ cluster: z.string().min(1).max(63) }),
  wizardActionSchema,
);

/**
 * POST {cluster, action, ...}: an admin of that cluster starts a run, sets the qnetd host, marks a
 * step done or finishes; the run is kept in the history database with who did it and when.
 */
export async function POST(request: Request) {
  const signedIn = requireAdmin(request);
  if (signedIn instanceof Response) return signedIn;
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return jsonNoStore(
      { error: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` },
      400,
    );
  }
  const { cluster, ...action } = parsed.data;
  if (!getCollector(cluster)) return jsonNoStore({ error: `no cluster ${excerpt(cluster)}` }, 404);
  const admin = requireAdmin(request, cluster);
  if (admin instanceof Response) return admin;
  const result = getWizardStore().apply(cluster, action, {
    by: admin.name,
    at: new Date().toISOString(),
  });
  if (!result.ok) return jsonNoStore({ error: result.error }, result.status);
  return jsonNoStore({ run: result.run });
}
