import { queryOptions } from "@tanstack/react-query";
import { fleetModelSchema, type FleetModel } from "@/lib/surfaces/fleet";
import { dashboardPollMs } from "./polling";

async function fetchFleet(signal: AbortSignal): Promise<FleetModel> {
  const response = await fetch("/api/fleet", { cache: "no-store", signal });
  if (!response.ok) throw new Error(`the dashboard server answered ${response.status}`);
  return fleetModelSchema.parse(await response.json());
}

export const fleetQuery = {
  key: ["fleet"] as const,
  options: () =>
    queryOptions({
      queryKey: fleetQuery.key,
      queryFn: ({ signal }) => fetchFleet(signal),
      refetchInterval: dashboardPollMs,
      refetchIntervalInBackground: false,
      retry: 0,
    }),
};
