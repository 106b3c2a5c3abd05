import type { PublicPage } from "@/lib/surfaces/public-status";
import { StatusBanner } from "./status-banner";
import { StatusComponents } from "./status-components";
import { StatusIncidentList } from "./status-incident-list";
import { StatusMaintenanceList } from "./status-maintenance-list";

/** Seconds between refreshes of the page itself; with or without JavaScript. */
export const STATUS_REFRESH_SECONDS = 30;

/** The public page: one word, the components, maintenance and incidents, and the feeds. */
export function StatusPageView({ page, query }: { page: PublicPage; query: string }) {
  return (
    <main
      className="mx-auto flex max-w-4xl flex-col gap-4 p-4 print:max-w-none print:p-0"
      data-testid="status-page"
    >
      <noscript>
        <meta httpEquiv="refresh" content={String(STATUS_REFRESH_SECONDS)} />
      </noscript>
      <h1 className="text-3xl font-bold">{page.title}</h1>
      <StatusBanner page={page} />
      <StatusMaintenanceList windows={page.maintenance} />
      <StatusComponents groups={page.groups} />
      <StatusIncidentList incidents={page.incidents} />
      <footer className="flex flex-wrap gap-4 text-sm text-slate-600 print:hidden">
        <a className="underline" href={`/status/feed.atom${query}`}>
          Atom feed
        </a>
        <a className="underline" href={`/api/v2/summary.json${query}`}>
          JSON (Statuspage format)
        </a>
        <a className="underline" href={`/status/badge.svg${query}`}>
          Status badge
        </a>
        <span>This page reloads every {STATUS_REFRESH_SECONDS} s.</span>
      </footer>
    </main>
  );
}
