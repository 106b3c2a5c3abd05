import type { TrackedFinding } from "@/lib/history/types";

/** What every receiver's request is built from: one finding's opening or closing. */
export interface NotificationEvent {
  /** Stable across retries, so a receiver can drop a repeat. */
  deliveryId: number;
  event: "opened" | "closed";
  cluster: { id: string; name: string | null };
  finding: TrackedFinding;
  /** The cluster's overview on the dashboard, when `notifications.dashboardUrl` is set. */
  link: string | null;
}

/** The request a receiver is sent; secrets are already in the headers and never logged. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const iso = (ms: number) => new Date(ms).toISOString();

export function clusterLink(dashboardUrl: string | undefined, clusterId: string): string | null {
  if (!dashboardUrl) return null;
  return `${dashboardUrl.replace(/\/+$/, "")}/?cluster=${encodeURIComponent(clusterId)}`;
}

export function clusterLabel(cluster: NotificationEvent["cluster"]): string {
  return cluster.name ?? cluster.id;
}

/** Joins a base URL and a path without doubling or dropping the slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
