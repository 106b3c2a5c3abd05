import { Badge } from "@/components/ui/badge";
import { WALL_STATE_TONES, type WallState } from "@/lib/surfaces/cluster-state";
import type { FleetModel } from "@/lib/surfaces/fleet";
import { TONE_ICONS } from "@/lib/surfaces/tone";

/** How many clusters show each state word, worst word first. */
export function FleetStateCounts({ states }: { states: FleetModel["states"] }) {
  const order: WallState[] = ["CRITICAL", "DEGRADED", "UNKNOWN", "OK"];
  return (
    <div data-testid="fleet-counts" className="flex flex-wrap gap-2">
      {order.map((state) => {
        const tone = WALL_STATE_TONES[state];
        return (
          <Badge key={state} tone={tone} data-state={state} data-count={states[state]}>
            {TONE_ICONS[tone]} {states[state]} {state}
          </Badge>
        );
      })}
    </div>
  );
}
