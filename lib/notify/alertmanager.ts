import type { ResolvedReceiver } from "@/lib/config/notify-schema";
import { iso, joinUrl, type NotificationEvent, type OutgoingRequest } from "./message";

type AlertmanagerReceiver = Extract<ResolvedReceiver, { type: "alertmanager" }>;

/** One `postableAlert` of Alertmanager's API v2 (api/v2/openapi.yaml). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

/**
 * A firing alert ends at `nowMs + holdMs` unless it is told again before then, as Prometheus does;
 * a closed finding's alert ends when the finding closed, which resolves it.
 */
export function toPostableAlert(
  receiver: AlertmanagerReceiver,
  event: Omit<NotificationEvent, "deliveryId" | "event">,
  nowMs: number,
  holdMs: number,
): PostableAlert {
  const f = event.finding;
  const annotations: Record<string, string> = { summary: f.title };
  if (f.detail) annotations.description = f.detail;
  if (f.remedy) annotations.remedy = f.remedy;
  return {
    labels: {
      ...receiver.labels,
      alertname: f.rule,
      severity: f.severity,
      cluster: event.cluster.id,
      subject: f.subject,
      source: "tiebreaker",
    },
    annotations,
    startsAt: iso(f.openedAtMs),
    endsAt: iso(f.closedAtMs ?? nowMs + holdMs),
    ...(event.link ? { generatorURL: event.link } : {}),
  };
}

export function alertmanagerRequest(
  receiver: AlertmanagerReceiver,
  alerts: readonly PostableAlert[],
): OutgoingRequest {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (receiver.secret) headers.authorization = `Bearer ${receiver.secret}`;
  return {
    url: joinUrl(receiver.url, "api/v2/alerts"),
    headers,
    body: JSON.stringify(alerts),
  };
}
