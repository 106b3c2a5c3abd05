import { cn } from "@/components/ui/cn";
import { TONE_ICONS, type Tone } from "@/lib/surfaces/tone";
import { WALL_TONE_TEXT } from "./wall-tone";

/** A tone's shape followed by its words, so no state is told by colour alone. */
export function WallToneLabel({
  tone,
  children,
  className,
}: {
  tone: Tone;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <span
      data-tone={tone}
      className={cn("inline-flex items-baseline gap-[0.4em]", WALL_TONE_TEXT[tone], className)}
    >
      <span aria-hidden className="font-black">
        {TONE_ICONS[tone]}
      </span>
      <span>{children}</span>
    </span>
  );
}
