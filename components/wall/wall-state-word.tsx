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
}: {
  state: WallState;
  tone: Tone;
  icon: string;
  /** Why the word is not the model's own, e.g. the last known state while the server is silent. */
  note?: string;
}) {
  return (
    <div
      data-testid="wall-state"
      data-state={state}
      data-tone={tone}
      className={cn(
        "flex items-center gap-[3cqmin] rounded-[1.5cqmin] border-[0.6cqmin] px-[3cqmin] py-[1.5cqmin]",
        WALL_TONE_BOX[tone],
      )}
    >
      <span
        aria-hidden
        className="flex aspect-square h-[1.15em] items-center justify-center rounded-full border-[0.12em] border-current text-[min(9cqmin,6cqw)] leading-none font-black [@container(orientation:landscape)]:text-[min(10cqmin,4cqw)]"
      >
        {icon}
      </span>
      <div className="flex min-w-0 flex-col">
        <span
          data-testid="wall-state-word"
          className="text-[min(13cqmin,9.5cqw)] leading-none font-black tracking-tight [@container(orientation:landscape)]:text-[min(14cqmin,5.6cqw)]"
        >
          {state}
        </span>
        {note && <span className="mt-[0.8cqmin] text-[2.8cqmin] text-wall-fg">{note}</span>}
      </div>
    </div>
  );
}
