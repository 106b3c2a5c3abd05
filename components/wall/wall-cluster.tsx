"use client";

import { cn } from "@/components/ui/cn";
import { shownState, type WallLink } from "@/lib/queries/wall";
import type { WallModel } from "@/lib/surfaces/wall";
import { WallBanners } from "./wall-banners";
import { WallDataTime } from "./wall-data-time";
import { WallNodeTiles } from "./wall-node-tiles";
import { WallQdevice } from "./wall-qdevice";
import { WallStateWord } from "./wall-state-word";
import { WallStorageCounts } from "./wall-storage-counts";
import { WallVoteBar } from "./wall-vote-bar";

/**
 * One cluster at a glance. Side by side in a wide panel (state and votes left, nodes and storage
 * right), stacked in a tall one; every size follows the panel, not the screen.
 */
export function WallCluster({ model, link }: { model: WallModel; link: WallLink }) {
  const shown = shownState(model, link);
  return (
    <div
      data-testid="wall-cluster"
      data-state={shown.state}
      data-link={link.status}
      className="grid h-full grid-cols-1 content-start gap-[2cqmin] [@container(orientation:landscape)]:grid-cols-[minmax(0,5fr)_minmax(0,6fr)] [@container(orientation:landscape)]:content-stretch"
    >
      <div className="flex min-w-0 flex-col gap-[1.8cqmin]">
        <h1 className="truncate text-[3.6cqmin] leading-tight font-bold text-wall-muted">
          {model.name}
        </h1>
        <WallStateWord
          state={shown.state}
          tone={shown.tone}
          icon={shown.icon}
          note={shown.greyed ? `last known: ${model.state}` : undefined}
        />
        <div className={cn("flex flex-col gap-[1.8cqmin]", shown.greyed && "opacity-60 grayscale")}>
          <WallVoteBar votes={model.votes} tone={shown.tone} />
          <WallQdevice qdevice={model.qdevice} />
          <WallBanners banners={model.banners} moreFindings={model.moreFindings} />
        </div>
        <WallDataTime takenAt={model.takenAt} stale={model.stale} link={link} />
      </div>
      <div
        className={cn("flex min-w-0 flex-col gap-[2cqmin]", shown.greyed && "opacity-60 grayscale")}
      >
        <WallNodeTiles nodes={model.nodes} />
        <WallStorageCounts label="DRBD" unit="resources" summary={model.drbd} />
        <WallStorageCounts label="OCFS2" unit="volumes" summary={model.ocfs2} />
      </div>
    </div>
  );
}
