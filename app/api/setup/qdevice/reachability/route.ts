import { requireAdmin } from "@/lib/auth/admin";
import { Throttle } from "@/lib/auth/throttle";
import { clientKey, forwardingProxies } from "@/lib/auth/client-key";
import { getCollector, getRegistry } from "@/lib/collector/registry";
import { handleReachability, PROBES_PER_MINUTE } from "@/lib/setup/reachability";
import { probeTcp } from "@/lib/setup/tcp-probe";
import { getWizardStore } from "@/lib/setup/wizard-store";

const throttle = new Throttle(PROBES_PER_MINUTE, 60_000);

/** POST {cluster, host}: whether this server reaches TCP 5403 on the typed qnetd host. */
export function POST(request: Request) {
  return handleReachability(request, {
    authorize: requireAdmin,
    clusterExists: (id) => getCollector(id) !== null,
    probe: probeTcp,
    record(clusterId, host, result, by) {
      getWizardStore().apply(
        clusterId,
        {
          action: "probe",
          host,
          reachable: result.reachable,
          ms: result.reachable ? result.ms : null,
          error: result.reachable ? null : result.error,
        },
        { by, at: new Date().toISOString() },
      );
    },
    throttle,
    clientOf: (r) => clientKey(r, forwardingProxies(getRegistry().config.access)),
    now: Date.now,
  });
}
