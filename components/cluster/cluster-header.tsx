import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { FreshnessNote } from "@/components/ui/freshness-note";
import type { OverviewModel } from "@/lib/surfaces/overview";
import { boolTone, qdeviceTone } from "@/lib/surfaces/tone";

const QDEVICE_LABEL = {
  none: "no QDevice",
  connected: "QDevice voting",
  "not-voting": "QDevice not voting",
  unknown: "QDevice unknown",
};

function Figure({ label, value, testId }: { label: string; value: number | null; testId: string }) {
  return (
    <div className="flex flex-col">
      <span className="text-xs text-slate-500">{label}</span>
      <span data-testid={testId} className="text-2xl font-semibold tabular-nums">
        {value ?? "?"}
      </span>
    </div>
  );
}

export function ClusterHeader({ cluster }: { cluster: OverviewModel }) {
  const { votes, qdevice } = cluster;
  const quorateText =
    votes.quorate === null ? "quorum unknown" : votes.quorate ? "quorate" : "quorum lost";
  return (
    <header data-testid="cluster-header" className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold">{cluster.name}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <Badge
            tone={boolTone(votes.quorate)}
            data-testid="quorate-badge"
            data-quorate={String(votes.quorate)}
          >
            {quorateText}
          </Badge>
          <Badge
            tone={qdeviceTone(qdevice.state)}
            data-testid="qdevice-badge"
            data-state={qdevice.state}
          >
            {QDEVICE_LABEL[qdevice.state]}
            {qdevice.host ? ` · ${qdevice.host}` : ""}
          </Badge>
          <Link
            href={`/setup/qdevice?cluster=${encodeURIComponent(cluster.clusterId)}${qdevice.configured ? "&flow=remove" : ""}`}
            className="text-xs font-medium text-slate-700 underline"
            data-testid="qdevice-wizard-link"
          >
            {qdevice.configured ? "QDevice: remove or replace…" : "Set up a QDevice…"}
          </Link>
          {votes.flags.length > 0 && (
            <span className="text-xs text-slate-500">flags: {votes.flags.join(" ")}</span>
          )}
        </div>
        <div className="mt-1 flex flex-wrap gap-3">
          <span className="text-xs text-slate-500">
            votes as seen by {votes.viewFrom ?? "no node"}:{" "}
            <FreshnessNote freshness={votes.freshness} />
          </span>
          <span className="text-xs text-slate-500">
            Proxmox API{cluster.api.answeredBy ? ` via ${cluster.api.answeredBy}` : ""}:{" "}
            <FreshnessNote freshness={cluster.api} />
          </span>
        </div>
      </div>
      <div className="flex gap-6" data-testid="vote-math">
        <Figure label="expected" value={votes.expected} testId="votes-expected" />
        <Figure label="total" value={votes.total} testId="votes-total" />
        <Figure label="quorum" value={votes.quorum} testId="votes-quorum" />
        <Figure label="may still lose" value={votes.canLose} testId="votes-can-lose" />
      </div>
    </header>
  );
}
