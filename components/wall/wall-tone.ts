import type { Tone } from "@/lib/surfaces/tone";

/** The wall's dark rendering of each tone; a tone is always shown with its word and icon too. */
export const WALL_TONE_TEXT: Record<Tone, string> = {
  ok: "text-wall-ok",
  warn: "text-wall-warn",
  crit: "text-wall-crit",
  unknown: "text-wall-unknown",
  info: "text-wall-info",
};

export const WALL_TONE_BOX: Record<Tone, string> = {
  ok: "border-wall-ok bg-wall-ok/12 text-wall-ok",
  warn: "border-wall-warn bg-wall-warn/12 text-wall-warn",
  crit: "border-wall-crit bg-wall-crit/18 text-wall-crit",
  unknown: "border-wall-unknown bg-wall-unknown/12 text-wall-unknown",
  info: "border-wall-info bg-wall-info/12 text-wall-info",
};
