import { Card, CardTitle } from "@/components/ui/card";
import type { MaintenanceWindow } from "@/lib/history/types";
import { COMPONENT_IDS, componentName, utcText } from "@/lib/surfaces/public-status";
import { AdminButton, AdminField, inputClass } from "./status-admin-fields";

/** Schedules maintenance (times in UTC) and lists the windows to come or under way. */
export function StatusAdminMaintenance({
  clusters,
  windows,
}: {
  clusters: { id: string; name: string }[];
  windows: MaintenanceWindow[];
}) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return (
    <Card>
      <CardTitle>Maintenance</CardTitle>
      <form
        method="post"
        action="/api/admin/status/maintenance"
        className="grid gap-2 sm:grid-cols-2"
        data-testid="admin-maintenance-form"
      >
        <AdminField label="Cluster">
          <select name="clusterId" className={inputClass}>
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </AdminField>
        <fieldset className="flex flex-wrap gap-3 text-sm">
          <legend className="font-semibold">Components (none checked: all)</legend>
          {COMPONENT_IDS.map((id) => (
            <label key={id} className="flex items-center gap-1">
              <input type="checkbox" name="componentIds" value={id} /> {componentName(id)}
            </label>
          ))}
        </fieldset>
        <AdminField label="Starts (UTC)">
          <input type="datetime-local" name="startsAt" required className={inputClass} />
        </AdminField>
        <AdminField label="Ends (UTC)">
          <input type="datetime-local" name="endsAt" required className={inputClass} />
        </AdminField>
        <div className="sm:col-span-2">
          <AdminField label="Public title">
            <input name="title" required maxLength={200} className={inputClass} />
          </AdminField>
        </div>
        <div className="sm:col-span-2">
          <AdminField label="What will happen (public)">
            <textarea name="body" rows={2} className={inputClass} />
          </AdminField>
        </div>
        <AdminButton>Schedule</AdminButton>
      </form>
      <ul className="mt-4 flex flex-col gap-2">
        {windows.map((w) => (
          <li
            key={w.id}
            className="flex flex-wrap items-center justify-between gap-2 text-sm"
            data-testid="admin-maintenance"
          >
            <span>
              <span className="font-semibold">{w.title}</span> · {utcText(iso(w.startsAtMs))} –{" "}
              {utcText(iso(w.endsAtMs))} ·{" "}
              {w.componentIds === null
                ? "all components"
                : w.componentIds.map(componentName).join(", ")}
            </span>
            <form method="post" action={`/api/admin/status/maintenance/${w.id}/cancel`}>
              <AdminButton className="bg-crit">Cancel</AdminButton>
            </form>
          </li>
        ))}
      </ul>
    </Card>
  );
}
