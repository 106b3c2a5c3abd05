import { cn } from "@/components/ui/cn";
import type { WallModel } from "@/lib/surfaces/wall";

/**
 * Expected votes as cells, present votes filled, and a line where quorum is reached: quorum holds
 * while the filled cells reach past the line. The state word carries the tone.
 */
export function WallVoteBar({ votes }: { votes: WallModel["votes"] }) {
  const cells = Math.max(votes.expected ?? 0, votes.total ?? 0);
  return (
    <div data-testid="wall-votes" className="flex flex-col gap-[1cqmin]">
      {cells > 0 && (
        <div role="img" aria-label={votes.sentence} className="flex h-[6cqmin] items-stretch">
          {Array.from({ length: cells }, (_, i) => (
            <div key={i} className="flex flex-1 items-stretch">
              {votes.quorum !== null && i === votes.quorum && <QuorumLine />}
              <span
                data-testid="wall-vote-cell"
                data-filled={String(i < (votes.total ?? 0))}
                className={cn(
                  "mx-[0.4cqmin] flex-1 rounded-[0.6cqmin] border-[0.4cqmin]",
                  i < (votes.total ?? 0)
                    ? "border-wall-muted bg-wall-muted"
                    : "border-dashed border-wall-muted bg-transparent",
                )}
              />
            </div>
          ))}
          {votes.quorum !== null && votes.quorum >= cells && <QuorumLine />}
        </div>
      )}
      <p
        data-testid="wall-votes-sentence"
        className="text-wall-lg leading-tight font-semibold text-wall-fg"
      >
        {votes.sentence}
      </p>
    </div>
  );
}

function QuorumLine() {
  return (
    <span
      data-testid="wall-quorum-line"
      title="quorum"
      className="relative -my-[1.2cqmin] w-[0.7cqmin] shrink-0 rounded-full bg-wall-fg"
    />
  );
}
