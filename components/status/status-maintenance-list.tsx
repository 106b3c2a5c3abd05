import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { utcText, type PublicMaintenance } from "@/lib/surfaces/public-status";

const STATES: Record<PublicMaintenance["state"], string> = {
  scheduled: "Scheduled",
  "in-progress": "In progress",
  completed: "Completed",
};

/** Maintenance windows: announced ones first in time order, then the finished ones. */
export function StatusMaintenanceList({ windows }: { windows: PublicMaintenance[] }) {
  return (
    <Card aria-labelledby="status-maintenance-title" className="print:shadow-none">
      <CardTitle id="status-maintenance-title">Scheduled maintenance</CardTitle>
      {windows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="status-no-maintenance">
          None scheduled.
        </p>
      ) : (
        <ul className="flex flex-col gap-3">
          {windows.map((w) => (
            <li
              key={w.id}
              id={`maintenance-${w.id}`}
              data-testid="status-maintenance"
              data-state={w.state}
              className="border-l-4 border-info/40 pl-3 print:break-inside-avoid"
            >
              <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                {w.title}
                <Badge
                  tone={
                    w.state === "in-progress" ? "info" : w.state === "scheduled" ? "unknown" : "ok"
                  }
                >
                  {STATES[w.state]}
                </Badge>
              </h3>
              <p className="text-xs text-slate-600">
                {utcText(w.startsAt)} – {utcText(w.endsAt)} · {w.components.join(", ")}
              </p>
              {w.body && <p className="text-sm whitespace-pre-line">{w.body}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
