import { Card, CardTitle } from "@/components/ui/card";
import { COMPONENT_IDS, componentName } from "@/lib/surfaces/public-status";
import { AdminButton, AdminField, inputClass } from "./status-admin-fields";

/** Opens an incident by hand, for what the findings cannot see. */
export function StatusAdminNewIncident({ clusters }: { clusters: { id: string; name: string }[] }) {
  return (
    <Card>
      <CardTitle>Open an incident</CardTitle>
      <form
        method="post"
        action="/api/admin/status/incidents"
        className="grid gap-2 sm:grid-cols-3"
        data-testid="admin-new-incident"
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
        <AdminField label="Component">
          <select name="componentId" className={inputClass} defaultValue="">
            <option value="">Whole cluster</option>
            {COMPONENT_IDS.map((id) => (
              <option key={id} value={id}>
                {componentName(id)}
              </option>
            ))}
          </select>
        </AdminField>
        <AdminField label="Impact">
          <select name="impact" className={inputClass}>
            <option value="degraded">Degraded</option>
            <option value="outage">Outage</option>
          </select>
        </AdminField>
        <div className="sm:col-span-3">
          <AdminField label="Public title">
            <input name="title" required maxLength={200} className={inputClass} />
          </AdminField>
        </div>
        <div className="sm:col-span-3">
          <AdminField label="First update (public)">
            <textarea name="body" required rows={2} className={inputClass} />
          </AdminField>
        </div>
        <AdminButton>Open incident</AdminButton>
      </form>
    </Card>
  );
}
