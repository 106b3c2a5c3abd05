import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import type { Ocfs2NodeView, Ocfs2Row } from "@/lib/surfaces/overview";

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
      <div className="flex gap-1">
        <Badge tone={view.mounted ? "ok" : "crit"}>
          {view.mounted ? "mounted" : "not mounted"}
        </Badge>
        {view.readOnly && <Badge tone="crit">read-only</Badge>}
      </div>
      <span className="text-xs text-slate-500">
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
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.mountpoint}
              data-testid="ocfs2-row"
              data-mountpoint={row.mountpoint}
              className="border-t border-slate-100 align-top"
            >
              <td className="py-2 pr-4 font-mono">{row.mountpoint}</td>
              {row.nodes.map((view) => (
                <td key={view.node} className="py-2 pr-4" data-node={view.node}>
                  <div className="text-xs font-semibold text-slate-600">{view.node}</div>
                  <MountCell view={view} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
