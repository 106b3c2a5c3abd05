import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import type { HaModel } from "@/lib/surfaces/overview-ha";

export function HaStatusCard({ ha }: { ha: HaModel | null }) {
  if (!ha) return null;
  return (
    <Card data-testid="ha-status">
      <CardTitle>High availability</CardTitle>
      <p className="mb-2 text-sm">
        CRM master:{" "}
        <span className="font-semibold" data-testid="ha-master">
          {ha.master ?? "unknown"}
        </span>
        {ha.masterStatus ? <span className="text-slate-600"> ({ha.masterStatus})</span> : null}{" "}
        <FreshnessNote freshness={ha.freshness} />
      </p>
      {ha.nodes.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="text-slate-600">
              <th className="py-1 pr-4 font-medium">node</th>
              <th className="py-1 pr-4 font-medium">LRM</th>
              <th className="py-1 font-medium">HA guests</th>
            </tr>
          </thead>
          <tbody>
            {ha.nodes.map((n) => (
              <tr
                key={n.node}
                className="border-t border-slate-100 align-top"
                data-testid="ha-node"
                data-node={n.node}
                data-maintenance={String(n.maintenance)}
              >
                <td className="py-2 pr-4 font-semibold">{n.node}</td>
                <td className="py-2 pr-4" data-label="LRM">
                  <Badge tone={n.lrmTone} data-testid="ha-lrm">
                    {n.lrm ?? "unknown"}
                  </Badge>
                  {n.crmState && n.crmState !== "online" ? (
                    <span className="ml-1 text-xs text-slate-600">CRM: {n.crmState}</span>
                  ) : null}
                </td>
                <td className="py-2" data-testid="ha-guests" data-label="HA guests">
                  {n.guests.length === 0
                    ? "none"
                    : n.guests
                        .map((g) => `${g.sid} ${g.state ?? "?"}${g.target ? ` → ${g.target}` : ""}`)
                        .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
