import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { connection } from "next/server";
import { FleetTable } from "@/components/fleet/fleet-table";
import { fleetResponse } from "@/lib/collector/fleet-view";
import { fleetQuery } from "@/lib/queries/fleet";
import { getQueryClient } from "@/lib/queries/get-query-client";

export default async function FleetPage() {
  // Rendered per request, so the first HTML already lists every cluster's latest state.
  await connection();
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery({
    ...fleetQuery.options(),
    queryFn: () => fleetResponse(),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <FleetTable />
    </HydrationBoundary>
  );
}
