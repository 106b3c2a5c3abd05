import { createHmac } from "node:crypto";
import type { ResolvedReceiver } from "@/lib/config/notify-schema";
import { iso, type NotificationEvent, type OutgoingRequest } from "./message";

type WebhookReceiver = Extract<ResolvedReceiver, { type: "webhook" }>;

/** The webhook's JSON body, documented in docs/notifications.md; fields are only ever added. */
export function webhookPayload(event: NotificationEvent) {
  const f = event.finding;
  return {
    version: 1,
    event: event.event,
    deliveryId: event.deliveryId,
    cluster: { id: event.cluster.id, name: event.cluster.name },
    finding: {
      rule: f.rule,
      severity: f.severity,
      subject: f.subject,
      title: f.title,
      detail: f.detail,
      remedy: f.remedy,
    },
    openedAt: iso(f.openedAtMs),
    closedAt: f.closedAtMs === null ? null : iso(f.closedAtMs),
    url: event.link,
  };
}

/** `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function webhookRequest(
  receiver: WebhookReceiver,
  event: NotificationEvent,
  nowMs: number,
): OutgoingRequest {
  const body = JSON.stringify(webhookPayload(event));
  const timestamp = String(Math.floor(nowMs / 1000));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Tiebreaker",
    "x-tiebreaker-event": event.event,
    "x-tiebreaker-delivery": String(event.deliveryId),
    "x-tiebreaker-timestamp": timestamp,
  };
  if (receiver.secret)
    headers["x-tiebreaker-signature"] = webhookSignature(receiver.secret, timestamp, body);
  return { url: receiver.url, headers, body };
}
