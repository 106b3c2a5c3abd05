import { headers } from "next/headers";
import { StatusPageView } from "@/components/status/status-page-view";
import { StatusTooMany } from "@/components/status/status-too-many";
import type { StatusPageConfig } from "@/lib/config/status-schema";
import { buildPublicPage, overLimitFor } from "@/lib/history/public-page";

/** One configured page, after counting the visit against the client's rate limit. */
export async function RenderStatusPage({
  config,
  query,
}: {
  config: StatusPageConfig;
  query: string;
}) {
  const wait = overLimitFor(await headers());
  if (wait !== null) return <StatusTooMany seconds={wait} />;
  return <StatusPageView page={await buildPublicPage(config)} query={query} />;
}
