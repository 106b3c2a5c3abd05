import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import { formatPercent } from "@/lib/format";
import type { StorageNodeView, StorageRow } from "@/lib/surfaces/overview";
import { NodeCells } from "./node-cells";

function StorageCell({ view }: { view: StorageNodeView }) {
  if (!view.freshness.fresh || view.active === null)
    return <FreshnessNote freshness={view.freshness} />;
  return (
    <div
      className="flex flex-wrap gap-1"
      data-testid="storage-cell"
      data-active={String(view.active)}
    >
      <Badge tone={view.active ? "ok" : "warn"}>{view.active ? "active" : "inactive"}</Badge>
      {view.usedRatio !== null && (
        <Badge tone={view.usageTone}>{formatPercent(view.usedRatio)} used</Badge>
      )}
    </div>
  );
}

export function StorageTable({ rows }: { rows: StorageRow[] }) {
  const shown = rows.filter((r) => r.shared);
  if (shown.length === 0) return null;
  return (
    <Card data-testid="storage-table">
      <CardTitle>Shared storage by node</CardTitle>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="text-slate-600">
            <th className="py-1 pr-4 font-medium">storage</th>
            <th className="py-1 font-medium">nodes</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr
              key={row.id}
              data-testid="storage-row"
              data-storage={row.id}
              className="border-t border-slate-100 align-top"
            >
              <td className="py-2 pr-4">
                <span className="font-mono">{row.id}</span>{" "}
                <span className="text-xs text-slate-600">{row.type}</span>
              </td>
              <NodeCells
                nodes={row.nodes}
                className="grid-cols-[repeat(auto-fill,minmax(9rem,1fr))]"
                render={(view) => <StorageCell view={view} />}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
