/** Process liveness only: upstream reachability is a finding on the dashboard, not a failed check. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
