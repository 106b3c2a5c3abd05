import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { FreshnessNote } from "@/components/ui/freshness-note";
import { WALL_STATE_TONES } from "@/lib/surfaces/cluster-state";
import type { OverviewModel } from "@/lib/surfaces/overview";
import { boolTone, qdeviceTone, TONE_ICONS } from "@/lib/surfaces/tone";
import { VoteBar } from "./vote-bar";

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
    <header data-testid="cluster-header" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-bold break-words">{cluster.name}</h1>
            <Badge
              tone={WALL_STATE_TONES[cluster.state]}
              data-testid="cluster-state"
              data-state={cluster.state}
              className="text-sm font-bold"
            >
              {TONE_ICONS[WALL_STATE_TONES[cluster.state]]} {cluster.state}
            </Badge>
          </div>
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
        <div className="flex flex-wrap gap-x-6 gap-y-2" data-testid="vote-math">
          <Figure label="expected" value={votes.expected} testId="votes-expected" />
          <Figure label="total" value={votes.total} testId="votes-total" />
          <Figure label="quorum" value={votes.quorum} testId="votes-quorum" />
          <Figure label="may still lose" value={votes.canLose} testId="votes-can-lose" />
        </div>
      </div>
      <VoteBar bar={cluster.voteBar} />
    </header>
  );
}
