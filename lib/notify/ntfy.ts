import type { ResolvedReceiver } from "@/lib/config/notify-schema";
import type { Severity } from "@/lib/health/types";
import { clusterLabel, iso, type NotificationEvent, type OutgoingRequest } from "./message";

type NtfyReceiver = Extract<ResolvedReceiver, { type: "ntfy" }>;

/** ntfy priorities: 5 urgent, 4 high, 3 default. */
const PRIORITY: Record<Severity, string> = { critical: "5", warning: "4", unknown: "4", info: "3" };
const TAG: Record<Severity, string> = {
  critical: "rotating_light",
  warning: "warning",
  unknown: "grey_question",
  info: "information_source",
};

/** HTTP headers carry Latin-1 only; ntfy decodes RFC 2047 encoded words in its headers. */
export function headerValue(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(oneLine)
    ? oneLine
    : `=?UTF-8?B?${Buffer.from(oneLine, "utf8").toString("base64")}?=`;
}

export function ntfyRequest(receiver: NtfyReceiver, event: NotificationEvent): OutgoingRequest {
  const f = event.finding;
  const opened = event.event === "opened";
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=utf-8",
    title: headerValue(`${opened ? "" : "Resolved: "}${clusterLabel(event.cluster)}: ${f.title}`),
    priority: opened ? PRIORITY[f.severity] : "3",
    tags: headerValue(
      [opened ? TAG[f.severity] : "white_check_mark", f.rule, event.cluster.id].join(","),
    ),
  };
  if (event.link) headers.click = event.link;
  if (receiver.secret) headers.authorization = `Bearer ${receiver.secret}`;
  const body = opened
    ? [f.detail, f.remedy].filter(Boolean).join("\n\n")
    : `No longer found since ${iso(f.closedAtMs ?? f.openedAtMs)} (open since ${iso(f.openedAtMs)}).\n\n${f.detail}`;
  return { url: receiver.url, headers, body };
}
