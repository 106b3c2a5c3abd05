import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { connection } from "next/server";
import { SetupQdeviceWizard } from "@/components/setup/setup-qdevice-wizard";
import { getAdminSession } from "@/lib/auth/admin";
import { mayAdminister } from "@/lib/auth/session";
import { getCollector } from "@/lib/collector/registry";
import { prefetchQdeviceSetup } from "@/lib/collector/surface-views";
import { getQueryClient } from "@/lib/queries/get-query-client";
import { qdeviceSetupQuery } from "@/lib/queries/qdevice-setup";
import { WIZARD_FLOWS, type WizardFlow } from "@/lib/surfaces/qdevice-setup-progress";
import { excerpt } from "@/lib/http/excerpt";

export default async function QdeviceSetupPage({
  searchParams,
}: {
  searchParams: Promise<{ cluster?: string; flow?: string }>;
}) {
  // Per request: the first HTML carries the live checks and the stored run, so a reload or a
  // second admin sees where the setup stands before any JavaScript runs.
  await connection();
  const { cluster, flow: asked } = await searchParams;
  const clusterId = cluster ?? null;
  const flow = WIZARD_FLOWS.find((f): f is WizardFlow => f === asked) ?? null;
  const collector = getCollector(clusterId);
  if (!collector)
    return (
      <p role="alert" className="text-crit" data-testid="unknown-cluster">
        No cluster &quot;{clusterId}&quot; is configured.
      </p>
    );
  const session = await getAdminSession();
  const viewer = session
    ? { name: session.name, mayAct: mayAdminister(session, collector.config.id) }
    : null;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    ...qdeviceSetupQuery.options(clusterId, flow),
    queryFn: async () => {
      const first = await prefetchQdeviceSetup(clusterId, flow);
      if (!first) throw new Error(`no cluster ${excerpt(clusterId)}`);
      return first;
    },
  });
  return (
    <div data-testid="qdevice-setup">
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SetupQdeviceWizard clusterId={clusterId} flow={flow} viewer={viewer} />
      </HydrationBoundary>
    </div>
  );
}
