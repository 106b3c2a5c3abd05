import { cn } from "@/components/ui/cn";
import type { WallNode } from "@/lib/surfaces/wall";
import { WALL_TONE_BOX } from "./wall-tone";
import { WallToneLabel } from "./wall-tone-label";

function votesText(votes: number | null): string {
  if (votes === null) return "votes ?";
  return votes === 1 ? "1 vote" : `${votes} votes`;
}

/** One tile per node: its name, its own word and the votes it brings. */
export function WallNodeTiles({ nodes }: { nodes: WallNode[] }) {
  return (
    <ul
      data-testid="wall-nodes"
      className="grid grid-cols-[repeat(auto-fill,minmax(min(21cqmin,100%),1fr))] gap-[1cqmin]"
    >
      {nodes.map((node) => (
        <li
          key={node.name}
          data-testid="wall-node"
          data-node={node.name}
          data-tone={node.tone}
          className={cn(
            "flex min-w-0 flex-col rounded-[1cqmin] border-[0.4cqmin] px-[1.2cqmin] py-[0.6cqmin] text-wall-sm leading-tight",
            WALL_TONE_BOX[node.tone],
          )}
        >
          <span className="truncate font-semibold tracking-tight text-wall-fg">{node.name}</span>
          <span className="flex flex-wrap items-baseline justify-between gap-x-[1cqmin]">
            <WallToneLabel tone={node.tone}>{node.word}</WallToneLabel>
            <span className="text-wall-xs text-wall-muted">{votesText(node.votes)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
