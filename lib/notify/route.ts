import type { ResolvedReceiver } from "@/lib/config/notify-schema";
import type { Finding, Severity } from "@/lib/health/types";

/** Unknown ranks with warning: a cluster Tiebreaker cannot see is as urgent as a degraded one. */
const RANK: Record<Severity, number> = { info: 0, warning: 1, unknown: 1, critical: 2 };

export function receiverWants(
  receiver: Pick<ResolvedReceiver, "minSeverity" | "clusters">,
  clusterId: string,
  finding: Pick<Finding, "severity">,
): boolean {
  if (receiver.clusters !== "*" && !receiver.clusters.includes(clusterId)) return false;
  return RANK[finding.severity] >= RANK[receiver.minSeverity];
}

/** The names of the receivers a finding of this cluster goes to. */
export function routeFinding(
  receivers: readonly ResolvedReceiver[],
): (clusterId: string, finding: Pick<Finding, "severity">) => string[] {
  return (clusterId, finding) =>
    receivers.filter((r) => receiverWants(r, clusterId, finding)).map((r) => r.name);
}
