import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { TONE_ICONS } from "@/lib/surfaces/tone";
import type { SettingsCluster } from "@/lib/surfaces/settings";

export function SettingsClusterCard({ cluster }: { cluster: SettingsCluster }) {
  return (
    <Card data-testid={`settings-${cluster.id}`}>
      <CardTitle>{cluster.name}</CardTitle>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Proxmox API</dt>
        <dd>{cluster.apiUrls.join(", ")}</dd>
        <dt className="text-slate-500">Certificate</dt>
        <dd>{cluster.trust}</dd>
        <dt className="text-slate-500">API token</dt>
        <dd className="font-mono">{cluster.tokenId}</dd>
      </dl>
      <h3 className="mt-4 mb-2 text-sm font-semibold">
        Privileges from /access/permissions
        {cluster.checkedAt ? (
          <span className="ml-2 font-normal text-slate-500">read at {cluster.checkedAt}</span>
        ) : null}
      </h3>
      {cluster.problem ? (
        <p className="text-sm">
          <Badge tone="unknown">{TONE_ICONS.unknown} Unknown</Badge> {cluster.problem}
        </p>
      ) : (
        <table className="text-sm">
          <tbody>
            {cluster.privileges.map((p) => (
              <tr key={`${p.privilege}${p.path}`}>
                <td className="pr-3">
                  <Badge tone={p.tone}>
                    {TONE_ICONS[p.tone]} {p.word}
                  </Badge>
                </td>
                <td className="pr-3 font-mono">
                  {p.privilege} on {p.path}
                </td>
                <td className="text-slate-600">{p.reads}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
