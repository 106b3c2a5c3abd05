import { publicRoute } from "@/lib/history/public-page";
import { toSummaryJson } from "@/lib/surfaces/statuspage-json";

/** Components, unresolved incidents and maintenance in Atlassian Statuspage's shape. */
export function GET(request: Request) {
  return publicRoute(request, (page, urls) => Response.json(toSummaryJson(page, urls.page)));
}
