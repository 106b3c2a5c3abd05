import { queryOptions } from "@tanstack/react-query";
import type { QdeviceSetupModel } from "@/lib/surfaces/qdevice-setup";
import type { WizardFlow } from "@/lib/surfaces/qdevice-setup-progress";
import { dashboardPollMs } from "./polling";

export type QdeviceSetupResponse =
  { pending: true; clusterId: string } | ({ pending?: false } & QdeviceSetupModel);

async function fetchQdeviceSetup(
  clusterId: string | null,
  flow: WizardFlow | null,
): Promise<QdeviceSetupResponse> {
  const params = new URLSearchParams();
  if (clusterId) params.set("cluster", clusterId);
  if (flow) params.set("flow", flow);
  const response = await fetch(`/api/setup/qdevice?${params.toString()}`, { cache: "no-store" });
  if (!response.ok && response.status !== 202) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `the dashboard server answered ${response.status}`);
  }
  return (await response.json()) as QdeviceSetupResponse;
}

export const qdeviceSetupQuery = {
  key: (clusterId: string | null, flow: WizardFlow | null) =>
    ["qdevice-setup", clusterId ?? "default", flow ?? "auto"] as const,
  options: (clusterId: string | null, flow: WizardFlow | null) =>
    queryOptions({
      queryKey: qdeviceSetupQuery.key(clusterId, flow),
      queryFn: () => fetchQdeviceSetup(clusterId, flow),
      // Server-sent events refetch on every change of quorum or findings; the poll catches the
      // rest (a package installed, a daemon started) within one interval.
      refetchInterval: dashboardPollMs,
      refetchIntervalInBackground: false,
      retry: 0,
    }),
};
