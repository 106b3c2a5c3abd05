import { cn } from "@/components/ui/cn";
import type { WallModel } from "@/lib/surfaces/wall";
import { WALL_TONE_BOX } from "./wall-tone";
import { WallToneLabel } from "./wall-tone-label";

export function WallQdevice({ qdevice }: { qdevice: WallModel["qdevice"] }) {
  return (
    <p
      data-testid="wall-qdevice"
      data-state={qdevice.state}
      className={cn(
        "self-start rounded-[1cqmin] border-[0.3cqmin] px-[1.5cqmin] py-[0.5cqmin] text-wall-md font-semibold",
        WALL_TONE_BOX[qdevice.tone],
      )}
    >
      <WallToneLabel tone={qdevice.tone}>{qdevice.word}</WallToneLabel>
    </p>
  );
}
