import { jsonNoStore, withCollector } from "@/lib/collector/respond";
import { qdeviceSetupResponse } from "@/lib/collector/surface-views";
import { getWizardStore } from "@/lib/setup/wizard-store";
import { WIZARD_FLOWS, type WizardFlow } from "@/lib/surfaces/qdevice-setup-progress";

/** The QDevice wizard's view model: the latest poll with the cluster's stored run; never calls upstream. */
export function GET(request: Request) {
  const asked = new URL(request.url).searchParams.get("flow");
  const flow = WIZARD_FLOWS.find((f): f is WizardFlow => f === asked) ?? null;
  return withCollector(request, (collector) => {
    const run = getWizardStore().current(collector.config.id);
    const body = qdeviceSetupResponse(collector, collector.current(), { run, flow });
    return jsonNoStore(body, body.pending ? 202 : 200);
  });
}
