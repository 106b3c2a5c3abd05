import { Card, CardTitle } from "@/components/ui/card";
import type { PublicGroup } from "@/lib/surfaces/public-status";
import { StatusComponentRow } from "./status-component-row";
import { StatusWordBadge } from "./status-word";

/** The components, grouped by cluster on a page that covers several. */
export function StatusComponents({ groups }: { groups: PublicGroup[] }) {
  return (
    <Card aria-labelledby="status-components-title" className="print:shadow-none">
      <CardTitle id="status-components-title">Components</CardTitle>
      {groups.map((group, n) => (
        <div key={group.name ?? n} data-testid="status-group">
          {group.name !== null && (
            <h3 className="mt-3 flex items-center gap-2 text-lg font-bold">
              {group.name} <StatusWordBadge word={group.status} />
            </h3>
          )}
          <ul>
            {group.components.map((c) => (
              <StatusComponentRow key={c.key} component={c} />
            ))}
          </ul>
        </div>
      ))}
      <p className="mt-2 text-xs text-slate-500">
        Uptime counts Operational and Degraded time as up and Unknown time (including any time the
        status service itself was not recording) as not up; maintenance is left out. Days are UTC.
      </p>
    </Card>
  );
}
