"use client";

import { useQuery } from "@tanstack/react-query";
import { fleetQuery } from "@/lib/queries/fleet";
import { FleetRow } from "./fleet-row";
import { FleetStateCounts } from "./fleet-state-counts";

/** Every configured cluster, worst first; refreshed from the server's latest views. */
export function FleetTable() {
  const { data, error, dataUpdatedAt } = useQuery(fleetQuery.options());
  if (!data)
    return (
      <p className="text-unknown" role="alert">
        Unknown: {error ? error.message : "no answer from the dashboard server yet"}
      </p>
    );
  return (
    <section data-testid="fleet" className="flex flex-col gap-3">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Fleet</h1>
        <FleetStateCounts states={data.states} />
      </header>
      {error && (
        <p role="alert" className="text-sm font-medium text-unknown">
          Not updated since {new Date(dataUpdatedAt).toLocaleTimeString()}: {error.message}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3">State</th>
            <th className="py-1 pr-3">Cluster</th>
            <th className="py-1 pr-3">Votes</th>
            <th className="py-1 pr-3">Nodes online</th>
            <th className="py-1">Worst finding</th>
          </tr>
        </thead>
        <tbody className={error ? "opacity-60 grayscale" : undefined}>
          {data.clusters.map((row) => (
            <FleetRow key={row.clusterId} row={row} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
