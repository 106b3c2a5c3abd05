import type { Timeline } from "./overview-timeline";

/** Where a moment sits along the strip, in percent of its width. */
export function timelinePercent(timeline: Pick<Timeline, "fromMs" | "toMs">, atMs: number): number {
  const width = timeline.toMs - timeline.fromMs;
  if (width <= 0) return 0;
  return Math.min(100, Math.max(0, ((atMs - timeline.fromMs) / width) * 100));
}

/** A change's panel opens towards the middle of the strip, so it never runs off the screen. */
export function panelSide(percent: number): "left" | "right" {
  return percent < 50 ? "left" : "right";
}
