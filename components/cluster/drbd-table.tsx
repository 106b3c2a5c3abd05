import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import type { DrbdNodeView, DrbdRow } from "@/lib/surfaces/overview";
import { connectionTone, diskStateTone } from "@/lib/surfaces/tone";
import { NodeCells } from "./node-cells";

function NodeCell({ view }: { view: DrbdNodeView }) {
  if (!view.freshness.fresh) return <FreshnessNote freshness={view.freshness} />;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-1">
        <Badge tone={view.role === "Primary" ? "info" : "ok"} data-testid="drbd-role">
          {view.role}
        </Badge>
        {view.diskStates.map((state, i) => (
          <Badge key={i} tone={diskStateTone(state)} data-testid="drbd-disk">
            {state}
          </Badge>
        ))}
        {view.quorum === false && <Badge tone="crit">no quorum</Badge>}
      </div>
      {view.peers.map((peer) => (
        <span key={peer.peer} className="text-xs">
          → {peer.peer}:{" "}
          <Badge tone={connectionTone(peer.connectionState)}>{peer.connectionState}</Badge>
          {peer.replicationState && peer.replicationState !== "Established"
            ? ` ${peer.replicationState}`
            : ""}
          {peer.donePercent !== null ? ` ${peer.donePercent.toFixed(1)} %` : ""}
          {peer.peerDiskState ? ` (${peer.peerDiskState})` : ""}
        </span>
      ))}
    </div>
  );
}

export function DrbdTable({ rows }: { rows: DrbdRow[] }) {
  if (rows.length === 0) return null;
  return (
    <Card data-testid="drbd-table">
      <CardTitle>DRBD resources</CardTitle>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="text-slate-600">
            <th className="py-1 pr-4 font-medium">resource</th>
            <th className="py-1 font-medium">nodes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.resource}
              data-testid="drbd-row"
              data-resource={row.resource}
              className="border-t border-slate-100 align-top"
            >
              <td className="py-2 pr-4 font-mono">{row.resource}</td>
              <NodeCells
                nodes={row.nodes}
                className="grid-cols-[repeat(auto-fill,minmax(12rem,1fr))]"
                render={(view) => <NodeCell view={view} />}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
