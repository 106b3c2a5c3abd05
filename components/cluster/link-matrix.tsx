import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import { formatLatencyUs } from "@/lib/format";
import type { LinkCell, LinkMatrix } from "@/lib/surfaces/overview-links";

function peerLine(cell: LinkCell): string {
  return cell.peers
    .map(
      (p) =>
        `${p.peer}: ${p.status ?? (p.connected === null ? "unknown" : p.connected ? "connected" : "disconnected")}` +
        (p.latencyAveUs !== null ? `, avg ${formatLatencyUs(p.latencyAveUs)}` : "") +
        (p.downCount !== null ? `, down ${p.downCount}×` : ""),
    )
    .join("\n");
}

function Cell({ cell }: { cell: LinkCell }) {
  if (cell.peersKnown === 0) {
    return <span className="text-xs text-unknown">unknown</span>;
  }
  return (
    <div className="flex flex-col gap-0.5" title={peerLine(cell)}>
      <Badge tone={cell.tone} className="self-start" data-testid="link-state">
        {cell.peersUp}/{cell.peersKnown} connected
      </Badge>
      <span className="text-xs text-slate-600 tabular-nums">
        {cell.peersUp === 0
          ? "no peer connected"
          : `avg ${formatLatencyUs(cell.latencyAveUs)} · max ${formatLatencyUs(cell.latencyMaxUs)}`}
      </span>
      <span className="text-xs text-slate-600 tabular-nums">
        down count {cell.downCount ?? "?"}
      </span>
    </div>
  );
}

export function LinkMatrixCard({ matrix }: { matrix: LinkMatrix | null }) {
  if (!matrix) return null;
  return (
    <Card data-testid="link-matrix">
      <CardTitle>Corosync links</CardTitle>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="text-slate-600">
            <th className="py-1 pr-4 font-medium">node</th>
            {matrix.linkIds.map((id) => (
              <th key={id} className="py-1 pr-4 font-medium">
                link {id}
              </th>
            ))}
            <th className="py-1 font-medium">data</th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.node} className="border-t border-slate-100 align-top" data-node={row.node}>
              <td className="py-2 pr-4 font-semibold">{row.node}</td>
              {row.cells.map((cell) => (
                <td
                  key={cell.linkId}
                  className="py-2 pr-4"
                  data-testid="link-cell"
                  data-label={`link ${cell.linkId}`}
                  data-node={row.node}
                  data-link={cell.linkId}
                  data-connected={String(cell.connected)}
                >
                  {row.freshness.fresh ? (
                    <Cell cell={cell} />
                  ) : (
                    <span className="text-xs text-unknown">unknown</span>
                  )}
                </td>
              ))}
              <td className="py-2" data-label="data">
                <FreshnessNote freshness={row.freshness} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">
        Each cell is that node&apos;s own view of the link: peers connected, the slowest peer&apos;s
        average and maximum knet round trip (warning above {matrix.latencyThresholdMs} ms), and how
        often knet saw the link go down.
      </p>
    </Card>
  );
}
