import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatAge } from "@/lib/format";
import type { FleetRow as Row } from "@/lib/surfaces/fleet";

function Staleness({ row }: { row: Row }) {
  if (row.note) return <span className="text-xs font-medium text-unknown">{row.note}</span>;
  if (row.stale.sources === 0) return null;
  const age = row.stale.oldestAgeMs === null ? "never answered" : formatAge(row.stale.oldestAgeMs);
  return (
    <span className="text-xs font-medium text-unknown">
      {row.stale.sources} source{row.stale.sources === 1 ? "" : "s"} without a fresh answer ({age})
    </span>
  );
}

/** One cluster: state word, votes, nodes online and the worst finding, linking to its overview. */
export function FleetRow({ row }: { row: Row }) {
  return (
    <tr
      data-testid="fleet-row"
      data-cluster={row.clusterId}
      data-state={row.state}
      className="border-b border-slate-100 align-top"
    >
      <td className="py-2 pr-3">
        <Badge tone={row.tone} data-testid="fleet-state" className="font-bold whitespace-nowrap">
          {row.icon} {row.state}
        </Badge>
      </td>
      <td className="py-2 pr-3">
        <Link
          href={`/?cluster=${encodeURIComponent(row.clusterId)}`}
          className="font-medium hover:underline"
        >
          {row.name}
        </Link>
        <div>
          <Staleness row={row} />
        </div>
      </td>
      <td className="py-2 pr-3 tabular-nums" data-testid="fleet-votes">
        {row.votes}
      </td>
      <td className="py-2 pr-3 tabular-nums">
        {row.note ? "?" : `${row.nodes.online} of ${row.nodes.total}`}
      </td>
      <td className="py-2" data-testid="fleet-worst">
        {row.worst ? (
          <span className="flex items-start gap-2">
            <Badge tone={row.worst.tone}>{row.worst.icon}</Badge>
            <span>
              {row.worst.title}
              <span className="ml-1 text-xs text-slate-500">{row.worst.subject}</span>
            </span>
          </span>
        ) : row.note ? (
          <span className="text-unknown">unknown</span>
        ) : (
          <span className="text-slate-500">no findings</span>
        )}
      </td>
    </tr>
  );
}
