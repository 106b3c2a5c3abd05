import { Badge } from "@/components/ui/badge";
import { STATUS_WORD_TONES, type StatusWord } from "@/lib/surfaces/public-status";
import { TONE_ICONS } from "@/lib/surfaces/tone";

/** A status word with its icon, so the state never rests on colour alone. */
export function StatusWordBadge({ word, className }: { word: StatusWord; className?: string }) {
  const tone = STATUS_WORD_TONES[word];
  return (
    <Badge tone={tone} className={className} data-status={word}>
      <span aria-hidden="true" className="mr-1">
        {TONE_ICONS[tone]}
      </span>
      {word}
    </Badge>
  );
}
