import { publicRoute } from "@/lib/history/public-page";
import { toAtomFeed } from "@/lib/surfaces/status-feed";

/** Incidents and maintenance windows of the last 90 days as an Atom feed. */
export function GET(request: Request) {
  return publicRoute(
    request,
    (page, urls) =>
      new Response(toAtomFeed(page, urls.page, urls.self), {
        headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
      }),
  );
}
