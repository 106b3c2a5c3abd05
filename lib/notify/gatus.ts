import type { ResolvedReceiver } from "@/lib/config/notify-schema";
import type { TrackedFinding } from "@/lib/history/types";
import { joinUrl, type OutgoingRequest } from "./message";

type GatusReceiver = Extract<ResolvedReceiver, { type: "gatus" }>;

/** Gatus keeps the error as given; a long list of findings is cut here. */
const MAX_ERROR = 500;

/**
 * A Gatus external endpoint holds one state, so every push says the whole of it: success while no
 * finding this receiver gets is open, else the open findings' titles as the error.
 */
export function gatusRequest(
  receiver: GatusReceiver,
  open: readonly Pick<TrackedFinding, "clusterId" | "title">[],
): OutgoingRequest {
  let query = `success=${open.length === 0}`;
  if (open.length > 0) {
    let error = open.map((f) => `${f.clusterId}: ${f.title}`).join("; ");
    if (error.length > MAX_ERROR) error = `${error.slice(0, MAX_ERROR - 1)}…`;
    query += `&error=${encodeURIComponent(error)}`;
  }
  return {
    url: `${joinUrl(receiver.url, `api/v1/endpoints/${encodeURIComponent(receiver.key)}/external`)}?${query}`,
    headers: { authorization: `Bearer ${receiver.secret ?? ""}` },
    body: "",
  };
}
