"use client";

import { useQuery } from "@tanstack/react-query";
import { FindingBanners } from "@/components/findings/finding-banners";
import { useClusterEvents } from "@/lib/hooks/use-cluster-events";
import { useDocumentTitle } from "@/lib/hooks/use-document-title";
import { clusterQuery } from "@/lib/queries/cluster";
import { pageTitle } from "@/lib/surfaces/finding-text";
import { CephStatusCard } from "./ceph-status";
import { ClusterHeader } from "./cluster-header";
import { ClusterTimeline } from "./cluster-timeline";
import { DrbdTable } from "./drbd-table";
import { HaStatusCard } from "./ha-status";
import { LinkMatrixCard } from "./link-matrix";
import { LinstorStatusCard } from "./linstor-status";
import { NodeGrid } from "./node-grid";
import { Ocfs2Table } from "./ocfs2-table";
import { RebootReadinessCard } from "./reboot-readiness";
import { StorageTable } from "./storage-table";
import { WhatIfCard } from "./what-if-card";

export function ClusterOverview({ clusterId }: { clusterId: string | null }) {
  const streaming = useClusterEvents(clusterId, { model: "overview" });
  const { data, error, dataUpdatedAt } = useQuery(clusterQuery.options(clusterId, streaming));
  const shown = data && !data.pending ? data : null;
  // A failed refresh or no view yet is UNKNOWN in the tab title too, never the last good word.
  useDocumentTitle(pageTitle(shown && !error ? shown.state : "UNKNOWN", shown?.name ?? null));
  if (error && !data) {
    return (
      <p role="alert" className="rounded border border-unknown/30 bg-unknown-soft p-3 text-unknown">
        The dashboard server does not answer: {error.message}. Everything below is unknown until it
        does.
      </p>
    );
  }
  if (!data || data.pending) {
    return (
      <p className="text-slate-500" data-testid="pending">
        Waiting for the first poll of the cluster…
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-4" data-testid="overview" data-taken-at={data.takenAt}>
      {error && (
        <p role="status" className="text-sm text-unknown">
          Showing the view received at {new Date(dataUpdatedAt).toLocaleTimeString()}: the dashboard
          server did not answer the latest refresh.
        </p>
      )}
      <ClusterHeader cluster={data} />
      <ClusterTimeline clusterId={clusterId} state={data.state} />
      <FindingBanners findings={data.findings} />
      <NodeGrid nodes={data.nodes} />
      <WhatIfCard whatIf={data.whatIf} />
      <RebootReadinessCard reboot={data.reboot} clusterId={data.clusterId} />
      <LinkMatrixCard matrix={data.links} />
      <HaStatusCard ha={data.ha} />
      <DrbdTable rows={data.drbd} />
      <Ocfs2Table rows={data.ocfs2} />
      <StorageTable rows={data.storage} />
      <CephStatusCard ceph={data.ceph} />
      <LinstorStatusCard linstor={data.linstor} />
    </div>
  );
}
