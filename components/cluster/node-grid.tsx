import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { FreshnessNote } from "@/components/ui/freshness-note";
import { formatOffset } from "@/lib/format";
import type { NodeRow } from "@/lib/surfaces/overview";
import { boolTone } from "@/lib/surfaces/tone";

function NodeCard({ node }: { node: NodeRow }) {
  const state = node.online === null ? "unknown" : node.online ? "online" : "offline";
  return (
    <div
      data-testid="node-card"
      data-node={node.name}
      data-online={String(node.online)}
      className="rounded border border-slate-200 p-3"
    >
      <div className="flex items-center justify-between">
        <span className="font-semibold">{node.name}</span>
        <Badge tone={boolTone(node.online, "warn")}>{state}</Badge>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-2 text-sm">
        <dt className="text-slate-500">node id</dt>
        <dd>{node.nodeId ?? "?"}</dd>
        <dt className="text-slate-500">votes</dt>
        <dd>{node.votes ?? "?"}</dd>
        <dt className="text-slate-500">own view</dt>
        <dd data-testid="node-quorate">
          {node.quorate === null ? "unknown" : node.quorate ? "quorate" : "not quorate"}
        </dd>
        <dt className="text-slate-500">QDevice</dt>
        <dd data-testid="node-qdevice-flags">{node.qdeviceFlags?.join(",") ?? "—"}</dd>
        <dt className="text-slate-500">kernel</dt>
        <dd className="truncate" title={node.kernel ?? undefined}>
          {node.kernel ?? "unknown"}
        </dd>
        <dt className="text-slate-500">clock</dt>
        <dd>{formatOffset(node.clockOffsetMs)}</dd>
      </dl>
      <div className="mt-2">
        <FreshnessNote freshness={node.agent} />
      </div>
    </div>
  );
}

export function NodeGrid({ nodes }: { nodes: NodeRow[] }) {
  return (
    <Card data-testid="node-grid">
      <CardTitle>Nodes</CardTitle>
      {nodes.length === 0 ? (
        <p className="text-sm text-unknown">
          No node is known yet: neither the API nor any agent has answered.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {nodes.map((node) => (
            <NodeCard key={node.name} node={node} />
          ))}
        </div>
      )}
    </Card>
  );
}
