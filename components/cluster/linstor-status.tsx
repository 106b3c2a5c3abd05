import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import type { LinstorModel, LinstorPlacementModel } from "@/lib/surfaces/overview-linstor";

const PLACEMENT_WORDS: Record<LinstorPlacementModel["placement"], string> = {
  diskful: "disk",
  diskless: "diskless",
  tiebreaker: "tiebreaker",
};

function PlacementBadge({ p }: { p: LinstorPlacementModel }) {
  const conns = p.notConnected.map((c) => `${c.state} to ${c.peer}`).join(", ");
  return (
    <span data-testid="linstor-placement" data-node={p.node} data-placement={p.placement}>
      <Badge tone={p.tone} title={conns || undefined}>
        {p.node}: {PLACEMENT_WORDS[p.placement]} {p.diskState ?? "unknown"}
        {p.inUse ? " (in use)" : ""}
      </Badge>
      {conns ? <span className="ml-1 text-xs text-slate-500">{conns}</span> : null}
    </span>
  );
}

/** LINSTOR as its controller reports it: satellites, placement per resource, diskless clients. */
export function LinstorStatusCard({ linstor }: { linstor: LinstorModel | null }) {
  if (!linstor) return null;
  return (
    <Card data-testid="linstor-status">
      <CardTitle>LINSTOR</CardTitle>
      <p className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span>
          controller <span className="font-semibold">{linstor.controller ?? "unknown"}</span>
        </span>
        <span data-testid="linstor-satellites-online">
          satellites online:{" "}
          {linstor.satellitesOnline === null
            ? "unknown"
            : `${linstor.satellitesOnline} of ${linstor.satellites.length}`}
        </span>
        <FreshnessNote freshness={linstor.freshness} />
      </p>
      {linstor.satellites.length > 0 && (
        <ul className="mb-2 flex flex-wrap gap-2 text-sm">
          {linstor.satellites.map((s) => (
            <li key={s.name} data-testid="linstor-satellite" data-node={s.name}>
              <Badge tone={s.tone}>
                {s.name} {s.status ?? "unknown"}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {linstor.resources === null ? (
        <p className="text-sm text-unknown" data-testid="linstor-resources-unknown">
          Resource placement unknown
          {linstor.resourcesError ? `: ${linstor.resourcesError.message}` : ""}
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="text-slate-500">
              <th className="py-1 pr-4 font-medium">resource</th>
              <th className="py-1 font-medium">placement</th>
            </tr>
          </thead>
          <tbody>
            {linstor.resources.map((r) => (
              <tr
                key={r.name}
                className="border-t border-slate-100 align-top"
                data-testid="linstor-resource"
                data-resource={r.name}
              >
                <td className="py-2 pr-4 font-semibold">{r.name}</td>
                <td className="flex flex-wrap gap-2 py-2">
                  {r.placements.map((p) => (
                    <PlacementBadge key={p.node} p={p} />
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {linstor.disklessClients && linstor.disklessClients.length > 0 && (
        <p className="mt-2 text-sm" data-testid="linstor-diskless-clients">
          Diskless clients:{" "}
          {linstor.disklessClients.map((c) => `${c.resource} on ${c.node}`).join(", ")}
        </p>
      )}
    </Card>
  );
}
