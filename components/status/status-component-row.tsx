import {
  HISTORY_DAYS,
  UPTIME_WINDOWS,
  uptimeText,
  type PublicPageComponent,
} from "@/lib/surfaces/public-status";
import { StatusUptimeBar } from "./status-uptime-bar";
import { StatusWordBadge } from "./status-word";

/** A component: its word now, the 90-day bar and its uptime over four windows. */
export function StatusComponentRow({ component }: { component: PublicPageComponent }) {
  return (
    <li
      data-testid="status-component"
      data-component={component.key}
      data-status={component.status}
      className="flex flex-col gap-2 border-b border-slate-200 py-3 last:border-b-0 print:break-inside-avoid"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">{component.name}</h3>
        <StatusWordBadge word={component.status} />
      </div>
      {component.affected && component.affected.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="status-affected">
          Affected: {component.affected.join(", ")}
        </p>
      )}
      <StatusUptimeBar
        days={component.days}
        label={`${component.name}: ${uptimeText(component.uptime["90d"])} up over ${HISTORY_DAYS} days`}
      />
      <dl className="flex flex-wrap justify-between gap-x-4 text-xs text-slate-600">
        <div className="flex gap-1">
          <dt>{HISTORY_DAYS} days ago</dt>
        </div>
        {UPTIME_WINDOWS.map((w) => (
          <div key={w} className="flex gap-1" data-testid={`status-uptime-${w}`}>
            <dt>{w}</dt>
            <dd className="font-mono font-semibold text-slate-800">
              {uptimeText(component.uptime[w])}
            </dd>
          </div>
        ))}
        <div className="flex gap-1">
          <dt>today</dt>
        </div>
      </dl>
    </li>
  );
}
