import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import type { CephModel } from "@/lib/surfaces/overview-ceph";

export function CephStatusCard({ ceph }: { ceph: CephModel | null }) {
  if (!ceph) return null;
  const { osds } = ceph;
  return (
    <Card data-testid="ceph-status">
      <CardTitle>Ceph</CardTitle>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge tone={ceph.tone} data-testid="ceph-health">
          {ceph.health ?? "unknown"}
        </Badge>
        <span data-testid="ceph-mons">
          monitors in quorum:{" "}
          {ceph.monsInQuorum === null
            ? "unknown"
            : `${ceph.monsInQuorum} of ${ceph.monitors.length}`}
          {ceph.monsOut.length > 0 ? ` (out: ${ceph.monsOut.join(", ")})` : ""}
        </span>
        <span data-testid="ceph-osds">
          OSDs: {osds.up ?? "?"} up, {osds.in ?? "?"} in of {osds.total ?? "?"}
        </span>
        <FreshnessNote freshness={ceph.freshness} />
      </div>
      {ceph.checks.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1 text-sm" data-testid="ceph-checks">
          {ceph.checks.map((c) => (
            <li key={c.name} data-check={c.name}>
              <Badge tone={c.tone}>{c.muted ? `${c.name} (muted)` : c.name}</Badge> {c.summary}
              {c.detail.length > 0 && (
                <span className="text-xs text-slate-500"> — {c.detail.join("; ")}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
