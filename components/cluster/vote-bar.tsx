import { cn } from "@/components/ui/cn";
import type { Voter, VoteBar as VoteBarModel } from "@/lib/surfaces/vote-bar";
import { quorumLinePercent, voterWord } from "@/lib/surfaces/vote-bar-layout";

type Size = "sm" | "md" | "wall";

const STYLE: Record<
  Size,
  {
    box: string;
    bar: string;
    segment: string;
    voting: string;
    silent: string;
    unknown: string;
    line: string;
    margin: string;
  }
> = {
  sm: {
    box: "flex-row flex-wrap items-center gap-x-3 gap-y-1",
    bar: "h-4 min-w-40 flex-1",
    segment: "mx-px rounded-sm border text-[10px] leading-none",
    voting: "border-slate-700 bg-slate-700",
    silent: "border-dashed border-slate-500",
    unknown: "border-dotted border-unknown bg-unknown-soft",
    line: "-my-1 w-1 bg-slate-900",
    margin: "text-xs",
  },
  md: {
    box: "flex-row flex-wrap items-center gap-x-3 gap-y-1",
    bar: "h-8 min-w-48 flex-1",
    segment: "mx-0.5 rounded border-2 px-1 text-xs",
    voting: "border-slate-700 bg-slate-700 text-white",
    silent: "border-dashed border-slate-500 text-slate-700",
    unknown: "border-dotted border-unknown bg-unknown-soft text-unknown",
    line: "-my-1.5 w-1 bg-slate-900",
    margin: "text-sm font-semibold",
  },
  wall: {
    box: "gap-[0.6cqmin]",
    bar: "h-[4.5cqmin]",
    segment: "mx-[0.4cqmin] rounded-[0.6cqmin] border-[0.4cqmin] px-[0.6cqmin] text-wall-xs",
    voting: "border-wall-muted bg-wall-muted text-wall-bg",
    silent: "border-dashed border-wall-muted text-wall-muted",
    unknown: "border-dotted border-wall-unknown text-wall-unknown",
    line: "-my-[1cqmin] w-[0.7cqmin] bg-wall-fg",
    margin: "text-wall-lg leading-tight font-semibold text-wall-fg",
  },
};

function Segment({ voter, size }: { voter: Voter; size: Size }) {
  const s = STYLE[size];
  const word = voterWord(voter);
  return (
    <span
      data-testid="vote-segment"
      data-voter={voter.name}
      data-kind={voter.kind}
      data-voting={String(voter.voting)}
      title={`${voter.name}: ${word}`}
      style={{ flexGrow: Math.max(1, voter.votes) }}
      className={cn(
        "flex min-w-0 basis-0 items-center justify-center truncate font-medium",
        s.segment,
        voter.voting === true ? s.voting : voter.voting === false ? s.silent : s.unknown,
      )}
    >
      {voter.voting === true ? "✓" : voter.voting === false ? "✕" : "?"}
      {size === "sm" ? null : ` ${voter.name}`}
    </span>
  );
}

/**
 * Each voter as a segment, wide as its votes, filled while it votes, with a line where quorum is
 * reached: quorum holds while the filled segments reach past the line.
 */
export function VoteBar({ bar, size = "md" }: { bar: VoteBarModel; size?: Size }) {
  const s = STYLE[size];
  const line = quorumLinePercent(bar);
  const label = `${bar.sentence}. ${bar.voters.map((v) => `${v.name} ${voterWord(v)}`).join(", ")}`;
  return (
    <div data-testid="vote-bar" className={cn("flex min-w-0 flex-col", s.box)}>
      {bar.voters.length > 0 && (
        <div role="img" aria-label={label} className={cn("relative flex items-stretch", s.bar)}>
          {bar.voters.map((v) => (
            <Segment key={`${v.kind}:${v.name}`} voter={v} size={size} />
          ))}
          {line !== null && (
            <span
              data-testid="quorum-line"
              title={`quorum ${bar.quorum}`}
              style={{ left: `${line}%` }}
              className={cn("absolute inset-y-0 -translate-x-1/2 rounded-full", s.line)}
            />
          )}
        </div>
      )}
      <p data-testid="vote-sentence" className={s.margin}>
        {bar.sentence}
      </p>
    </div>
  );
}
