import type { PublicPage } from "@/lib/surfaces/public-status";
import { StatusWordBadge } from "./status-word";

/** /status when several pages are configured: each page's word and a link to it. */
export function StatusPageIndex({ pages }: { pages: PublicPage[] }) {
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-4 p-4" data-testid="status-index">
      <noscript>
        <meta httpEquiv="refresh" content="30" />
      </noscript>
      <h1 className="text-3xl font-bold">Status</h1>
      <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {pages.map((page) => (
          <li key={page.id} className="flex items-center justify-between p-4">
            <a className="font-semibold underline" href={`/status/${page.id}`}>
              {page.title}
            </a>
            <StatusWordBadge word={page.status} />
          </li>
        ))}
      </ul>
    </main>
  );
}
