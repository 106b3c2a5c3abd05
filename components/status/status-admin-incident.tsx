import { Badge } from "@/components/ui/badge";
import type { Incident } from "@/lib/history/types";
import { utcText } from "@/lib/surfaces/public-status";
import { AdminButton, AdminField, inputClass } from "./status-admin-fields";

const STEPS = ["investigating", "identified", "monitoring", "resolved"] as const;

/** One incident: its updates so far, the next update, and its public title and postmortem. */
export function StatusAdminIncident({
  incident,
  clusterName,
}: {
  incident: Incident;
  clusterName: string;
}) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const next = STEPS[Math.min(STEPS.indexOf(incident.status) + 1, STEPS.length - 1)];
  return (
    <li
      className="flex flex-col gap-2 border-b border-slate-200 py-3 last:border-b-0"
      data-testid="admin-incident"
      data-incident-id={incident.id}
      data-status={incident.status}
    >
      <h3 className="flex flex-wrap items-center gap-2 font-semibold">
        {incident.title}
        <Badge tone={incident.status === "resolved" ? "ok" : "warn"}>{incident.status}</Badge>
        <span className="text-xs font-normal text-slate-500">
          {clusterName} · {incident.impact} ·{" "}
          {incident.auto ? "opened from findings" : "opened by hand"} · since{" "}
          {utcText(iso(incident.startedAtMs))}
        </span>
      </h3>
      <ol className="text-sm text-slate-700">
        {incident.updates.map((u) => (
          <li key={u.id}>
            <span className="font-semibold">{u.status}</span> {utcText(iso(u.atMs))}: {u.body}
          </li>
        ))}
      </ol>
      <form
        method="post"
        action={`/api/admin/status/incidents/${incident.id}/updates`}
        className="flex flex-wrap items-end gap-2"
        data-testid="admin-incident-update"
      >
        <AdminField label="Status">
          <select name="status" defaultValue={next} className={inputClass}>
            {STEPS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </AdminField>
        <div className="min-w-64 flex-1">
          <AdminField label="Update (public)">
            <input name="body" required className={inputClass} />
          </AdminField>
        </div>
        <AdminButton>Add update</AdminButton>
      </form>
      <details>
        <summary className="cursor-pointer text-sm text-slate-600">
          Title, impact and postmortem
        </summary>
        <form
          method="post"
          action={`/api/admin/status/incidents/${incident.id}`}
          className="mt-2 flex flex-col gap-2"
          data-testid="admin-incident-edit"
        >
          <AdminField label="Public title">
            <input name="title" defaultValue={incident.title} required className={inputClass} />
          </AdminField>
          <AdminField label="Impact">
            <select name="impact" defaultValue={incident.impact} className={inputClass}>
              <option value="degraded">Degraded</option>
              <option value="outage">Outage</option>
            </select>
          </AdminField>
          <AdminField label="Postmortem (public; empty removes it)">
            <textarea
              name="postmortem"
              rows={4}
              defaultValue={incident.postmortem ?? ""}
              className={inputClass}
            />
          </AdminField>
          <AdminButton>Save</AdminButton>
        </form>
      </details>
    </li>
  );
}
