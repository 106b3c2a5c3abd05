import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { StatusAdminIncident } from "@/components/status/status-admin-incident";
import { StatusAdminMaintenance } from "@/components/status/status-admin-maintenance";
import { StatusAdminNewIncident } from "@/components/status/status-admin-new-incident";
import { Card, CardTitle } from "@/components/ui/card";
import { getAdminSession } from "@/lib/auth/admin";
import { adminView } from "@/lib/history/admin-routes";
import { HISTORY_DAYS } from "@/lib/surfaces/public-status";

// The site-wide no-referrer policy makes a browser send `Origin: null` with a form post, which the
// same-origin check refuses; same-origin keeps the Origin header on this page's own posts.
export const metadata: Metadata = {
  title: "Status page admin",
  robots: { index: false },
  referrer: "same-origin",
};

/** Incidents, updates, postmortems and maintenance for the clusters this admin manages. */
export default async function StatusAdminPage({
  searchParams,
}: {
  searchParams: Promise<{ done?: string; error?: string }>;
}) {
  await connection();
  const session = await getAdminSession();
  if (!session) redirect("/admin/login?next=/admin/status");
  const { done, error } = await searchParams;
  const { clusters, incidents, windows } = adminView(session);
  const nameOf = (id: string) => clusters.find((c) => c.id === id)?.name ?? id;
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-4 p-4" data-testid="status-admin">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Status page admin</h1>
        <div className="flex items-center gap-3 text-sm">
          <span>Signed in as {session.name}</span>
          <Link className="underline" href="/status">
            Public page
          </Link>
          <form method="post" action="/api/admin/logout">
            <button type="submit" className="underline">
              Sign out
            </button>
          </form>
        </div>
      </header>
      {done && (
        <p role="status" className="rounded border border-ok/30 bg-ok-soft p-2 text-ok">
          {done}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded border border-crit/30 bg-crit-soft p-2 text-crit">
          {error}
        </p>
      )}
      <StatusAdminMaintenance clusters={clusters} windows={windows} />
      <Card>
        <CardTitle>Incidents in the last {HISTORY_DAYS} days</CardTitle>
        {incidents.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul>
            {incidents.map((i) => (
              <StatusAdminIncident key={i.id} incident={i} clusterName={nameOf(i.clusterId)} />
            ))}
          </ul>
        )}
      </Card>
      <StatusAdminNewIncident clusters={clusters} />
    </main>
  );
}
