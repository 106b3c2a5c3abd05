import { Card, CardTitle } from "@/components/ui/card";
import { utcText, type PublicIncident } from "@/lib/surfaces/public-status";
import { Badge } from "@/components/ui/badge";

const STATUS_WORDS: Record<PublicIncident["status"], string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

/** Incidents of the last 90 days, newest first, each with its updates and any postmortem. */
export function StatusIncidentList({ incidents }: { incidents: PublicIncident[] }) {
  return (
    <Card aria-labelledby="status-incidents-title" className="print:shadow-none">
      <CardTitle id="status-incidents-title">Incidents in the last 90 days</CardTitle>
      {incidents.length === 0 ? (
        <p data-testid="status-no-incidents" className="text-sm text-slate-600">
          No incidents.
        </p>
      ) : (
        <ol className="flex flex-col gap-4">
          {incidents.map((i) => (
            <li
              key={i.id}
              id={`incident-${i.id}`}
              data-testid="status-incident"
              data-status={i.status}
              data-impact={i.impact}
              className="border-l-4 border-slate-300 pl-3 print:break-inside-avoid"
            >
              <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                {i.title}
                <Badge
                  tone={i.status === "resolved" ? "ok" : i.impact === "outage" ? "crit" : "warn"}
                >
                  {STATUS_WORDS[i.status]}
                </Badge>
              </h3>
              <p className="text-xs text-slate-600">
                {utcText(i.startedAt)}
                {i.resolvedAt ? ` – ${utcText(i.resolvedAt)}` : " – ongoing"} ·{" "}
                {i.components.join(", ")}
              </p>
              <ol className="mt-1 flex flex-col gap-1">
                {i.updates.map((u, n) => (
                  <li key={n} className="text-sm" data-testid="status-incident-update">
                    <span className="font-semibold">{STATUS_WORDS[u.status]}</span>{" "}
                    <span className="text-xs text-slate-500">{utcText(u.at)}</span>
                    <span className="block whitespace-pre-line">{u.body}</span>
                  </li>
                ))}
              </ol>
              {i.postmortem && (
                <div
                  className="mt-2 rounded bg-slate-100 p-2 text-sm"
                  data-testid="status-postmortem"
                >
                  <p className="font-semibold">Postmortem</p>
                  <p className="whitespace-pre-line">{i.postmortem}</p>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
