"use client";

import { VoteBar } from "@/components/cluster/vote-bar";
import { cn } from "@/components/ui/cn";
import { shownState, type WallLink } from "@/lib/queries/wall";
import type { WallModel } from "@/lib/surfaces/wall";
import { WallBanners } from "./wall-banners";
import { WallDataTime } from "./wall-data-time";
import { WallNodeTiles } from "./wall-node-tiles";
import { WallQdevice } from "./wall-qdevice";
import { WallCanLose } from "./wall-can-lose";
import { WallStateWord } from "./wall-state-word";
import { WallStorageCounts } from "./wall-storage-counts";

/**
 * One cluster at a glance: the state word across the top, then the votes and findings beside the
 * nodes and storage in a wide panel, or below them in a tall one. Every size follows the panel.
 */
export function WallCluster({ model, link }: { model: WallModel; link: WallLink }) {
  const shown = shownState(model, link);
  // Anything but a live link greys the last answer; the word itself turns UNKNOWN once it is lost.
  const greyed = link.status !== "live" && "opacity-60 grayscale";
  return (
    <div
      data-testid="wall-cluster"
      data-state={shown.state}
      data-link={link.status}
      data-greyed={String(link.status !== "live")}
      className="flex h-full flex-col gap-[2cqmin] [--wall-u:min(1.05cqw,1cqh)]"
    >
      <h1 className="truncate pr-[12cqmin] text-wall-md leading-tight font-bold text-wall-muted">
        {model.name}
      </h1>
      <WallStateWord
        state={shown.state}
        tone={shown.tone}
        icon={shown.icon}
        note={shown.greyed ? `last known: ${model.state}` : undefined}
        greyed={link.status !== "live"}
      />
      <div className="grid min-h-0 grid-cols-1 content-start gap-[2.5cqmin] [@container(orientation:landscape)]:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="flex min-w-0 flex-col gap-[1.8cqmin]">
          <div className={cn("flex flex-col gap-[1.8cqmin]", greyed)}>
            <div data-testid="wall-votes">
              <VoteBar bar={model.votes} size="wall" />
            </div>
            <WallQdevice qdevice={model.qdevice} />
            <WallCanLose line={model.votes.canLoseLine} />
            <WallBanners banners={model.banners} moreFindings={model.moreFindings} />
          </div>
          <WallDataTime takenAt={model.takenAt} stale={model.stale} link={link} />
        </div>
        <div className={cn("flex min-w-0 flex-col gap-[2cqmin]", greyed)}>
          <WallNodeTiles nodes={model.nodes} />
          <WallStorageCounts label="DRBD" units={["resource", "resources"]} summary={model.drbd} />
          <WallStorageCounts label="OCFS2" units={["volume", "volumes"]} summary={model.ocfs2} />
        </div>
      </div>
    </div>
  );
}
