import { fleetResponse } from "@/lib/collector/fleet-view";
import { jsonNoStore } from "@/lib/collector/respond";

/** Every configured cluster's state word, votes and worst finding, worst first. */
export function GET() {
  return jsonNoStore(fleetResponse());
}
