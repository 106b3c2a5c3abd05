import { cn } from "@/components/ui/cn";
import type { WallState } from "@/lib/surfaces/cluster-state";
import type { Tone } from "@/lib/surfaces/tone";
import { WALL_TONE_BOX } from "./wall-tone";

/** The one word an operator reads from across the room, with its shape beside it. */
export function WallStateWord({
  state,
  tone,
  icon,
  note,
  greyed = false,
}: {
  state: WallState;
  tone: Tone;
  icon: string;
  /** Why the word is not the model's own, e.g. the last known state while the server is silent. */
  note?: string;
  /** The word is the last known one and the server does not answer right now. */
  greyed?: boolean;
}) {
  return (
    <div
      data-testid="wall-state"
      data-state={state}
      data-tone={tone}
      className={cn(
        "flex items-center gap-[0.35em] rounded-[1.5cqmin] border-[0.6cqmin] px-[0.3em] py-[0.12em] text-[min(18cqh,11cqw)] leading-none",
        WALL_TONE_BOX[tone],
        greyed && "opacity-60 grayscale",
      )}
    >
      <span aria-hidden className="w-[1em] shrink-0 text-center text-[0.85em] font-black">
        {icon}
      </span>
      <div className="flex min-w-0 flex-col">
        <span data-testid="wall-state-word" className="font-black tracking-tight">
          {state}
        </span>
        {note && <span className="mt-[0.2em] text-[0.2em] font-semibold text-wall-fg">{note}</span>}
      </div>
    </div>
  );
}
