import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import type { Ocfs2NodeView, Ocfs2Row } from "@/lib/surfaces/overview";
import { NodeCells } from "./node-cells";

function MountCell({ view }: { view: Ocfs2NodeView }) {
  if (!view.freshness.fresh || view.mounted === null)
    return <FreshnessNote freshness={view.freshness} />;
  return (
    <div
      className="flex flex-col gap-1"
      data-testid="ocfs2-cell"
      data-mounted={String(view.mounted)}
      data-readonly={String(view.readOnly)}
    >
      <div className="flex flex-wrap gap-1">
        <Badge tone={view.mounted ? "ok" : "crit"}>
          {view.mounted ? "mounted" : "not mounted"}
        </Badge>
        {view.readOnly && <Badge tone="crit">read-only</Badge>}
      </div>
      <span className="text-xs text-slate-600">
        {view.device ?? ""} · kernel {view.kernel ?? "unknown"}
      </span>
    </div>
  );
}

export function Ocfs2Table({ rows }: { rows: Ocfs2Row[] }) {
  if (rows.length === 0) return null;
  return (
    <Card data-testid="ocfs2-table">
      <CardTitle>OCFS2 volumes</CardTitle>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="text-slate-600">
            <th className="py-1 pr-4 font-medium">mount point</th>
            <th className="py-1 font-medium">nodes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.mountpoint}
              data-testid="ocfs2-row"
              data-mountpoint={row.mountpoint}
              className="border-t border-slate-100 align-top"
            >
              <td className="py-2 pr-4 font-mono">{row.mountpoint}</td>
              <NodeCells
                nodes={row.nodes}
                className="grid-cols-[repeat(auto-fill,minmax(11rem,1fr))]"
                render={(view) => <MountCell view={view} />}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
