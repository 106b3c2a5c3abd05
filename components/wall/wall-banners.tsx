import { cn } from "@/components/ui/cn";
import { TONE_WORDS } from "@/lib/surfaces/tone";
import type { WallModel } from "@/lib/surfaces/wall";
import { WALL_TONE_BOX } from "./wall-tone";

/** The worst findings in words, the rest counted. */
export function WallBanners({
  banners,
  moreFindings,
}: Pick<WallModel, "banners" | "moreFindings">) {
  if (banners.length === 0) return null;
  return (
    <div data-testid="wall-banners" className="flex flex-col gap-[0.8cqmin]">
      {banners.map((banner, i) => (
        <p
          key={i}
          data-testid="wall-banner"
          data-severity={banner.severity}
          className={cn(
            "line-clamp-2 rounded-[0.8cqmin] border-l-[1cqmin] px-[1.5cqmin] py-[0.6cqmin] text-wall-sm leading-snug",
            WALL_TONE_BOX[banner.tone],
          )}
        >
          <span aria-hidden className="mr-[0.4em] font-black">
            {banner.icon}
          </span>
          <span className="font-bold">{TONE_WORDS[banner.tone]}: </span>
          <span className="text-wall-fg">{banner.title}</span>
        </p>
      ))}
      {moreFindings > 0 && (
        <p data-testid="wall-more-findings" className="text-wall-xs text-wall-muted">
          {moreFindings === 1 ? "and 1 more finding" : `and ${moreFindings} more findings`}, on the
          overview
        </p>
      )}
    </div>
  );
}
