import { publicRoute } from "@/lib/history/public-page";
import { toStatusJson } from "@/lib/surfaces/statuspage-json";

/** The overall state in Atlassian Statuspage's shape; `?page=<id>` picks a page. */
export function GET(request: Request) {
  return publicRoute(request, (page, urls) => Response.json(toStatusJson(page, urls.page)));
}
