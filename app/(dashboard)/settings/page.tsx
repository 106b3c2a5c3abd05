import { connection } from "next/server";
import { SettingsClusterCard } from "@/components/settings/settings-cluster";
import { settingsResponse } from "@/lib/collector/settings-view";

export default async function SettingsPage() {
  // Read per request: the token's privileges are asked of the API as the page is opened.
  await connection();
  const model = await settingsResponse();
  return (
    <main className="space-y-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <p className="text-sm text-slate-600">
        Read-only: what the configuration file says for each cluster, and what the Proxmox API says
        its token may read. A missing privilege also shows as a finding on the overview.
      </p>
      {model.clusters.map((cluster) => (
        <SettingsClusterCard key={cluster.id} cluster={cluster} />
      ))}
    </main>
  );
}
