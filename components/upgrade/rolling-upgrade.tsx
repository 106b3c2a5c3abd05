"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, CardTitle } from "@/components/ui/card";
import { useClusterEvents } from "@/lib/hooks/use-cluster-events";
import { clusterQuery } from "@/lib/queries/cluster";
import { UpgradeStep } from "./upgrade-step";

/** The nodes in a safe order, one offered at a time, re-judged live after each reboot. */
export function RollingUpgrade({ clusterId }: { clusterId: string | null }) {
  const streaming = useClusterEvents(clusterId, { model: "overview" });
  const { data, error, dataUpdatedAt } = useQuery(clusterQuery.options(clusterId, streaming));
  if (!data || data.pending)
    return <UpgradeNotYet serverError={data ? null : (error?.message ?? null)} />;
  const { plan, nodes } = data.reboot;
  return (
    <div className="flex flex-col gap-4" data-testid="rolling-upgrade" data-taken-at={data.takenAt}>
      <h1 className="text-xl font-bold">Rolling upgrade of {data.name}</h1>
      {error && (
        <p role="status" className="text-sm text-unknown">
          Showing the view received at {new Date(dataUpdatedAt).toLocaleTimeString()}: the dashboard
          server did not answer the latest refresh, so nothing below is current.
        </p>
      )}
      <p className="text-sm" data-testid="upgrade-sentence" data-offered={plan.offered ?? ""}>
        {plan.sentence}
      </p>
      <Card>
        <CardTitle>Order</CardTitle>
        <ol className="flex flex-col divide-y divide-slate-100">
          {plan.steps.map((step) => (
            <UpgradeStep
              key={step.node}
              step={step}
              readiness={nodes.find((n) => n.node === step.node) ?? null}
            />
          ))}
        </ol>
      </Card>
      <p className="text-xs text-slate-500">
        A node is offered only when rebooting it keeps quorum and every DRBD resource&apos;s data,
        its HA guests have left, and every other node is back: online, up for five minutes, quorate,
        its agent answering and its storage active. Reboot the offered node, then watch this page:
        it follows the node down and back and offers the next one.
      </p>
    </div>
  );
}

/** Before the first view, or while the dashboard server does not answer: no node is offered. */
function UpgradeNotYet({ serverError }: { serverError: string | null }) {
  const text = serverError
    ? `The dashboard server does not answer: ${serverError}. No node can be offered until it does.`
    : "Waiting for the first poll of the cluster…";
  return (
    <p
      role={serverError ? "alert" : undefined}
      data-testid={serverError ? undefined : "pending"}
      className={
        serverError
          ? "rounded border border-unknown/30 bg-unknown-soft p-3 text-unknown"
          : "text-slate-500"
      }
    >
      {text}
    </p>
  );
}
