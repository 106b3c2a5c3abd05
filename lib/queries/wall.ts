import { queryOptions } from "@tanstack/react-query";
import { WALL_STATE_TONES, type WallState } from "@/lib/surfaces/cluster-state";
import { TONE_ICONS, type Tone } from "@/lib/surfaces/tone";
import type { WallModel } from "@/lib/surfaces/wall";
import { wallPollMs } from "./polling";

export type WallResponse = { pending: true; clusterId: string } | ({ pending?: false } & WallModel);

/** A wall's last answer is shown as unknown once this many polls have gone unanswered. */
export const WALL_LOST_AFTER_POLLS = 3;

/** Why the server shows this browser no wall data: not paired, or its display key was revoked. */
export type WallDenial = "unpaired" | "revoked";

export class WallAccessError extends Error {
  override name = "WallAccessError";
  constructor(
    readonly reason: WallDenial,
    message: string,
  ) {
    super(message);
  }
}

export function wallDenial(error: unknown): WallDenial | null {
  return error instanceof WallAccessError ? error.reason : null;
}

async function fetchWall(
  clusterId: string,
  signal: AbortSignal,
  previous: WallResponse | undefined,
): Promise<WallResponse> {
  const response = await fetch(`/api/wall?cluster=${encodeURIComponent(clusterId)}`, {
    cache: "no-store",
    // A server that accepts the connection and never answers must count as a failed poll.
    signal: AbortSignal.any([signal, AbortSignal.timeout(wallPollMs)]),
  });
  if (!response.ok && response.status !== 202) {
    const body = (await response.json().catch(() => null)) as {
      error?: string;
      access?: string;
    } | null;
    const message = body?.error ?? `the dashboard server answered ${response.status}`;
    if (response.status === 401 && (body?.access === "revoked" || body?.access === "unpaired"))
      throw new WallAccessError(body.access, message);
    throw new Error(message);
  }
  const answer = (await response.json()) as WallResponse;
  // A restarted server has no view yet: keep the last one on screen, marked as not fresh.
  if (answer.pending && previous && !previous.pending)
    throw new Error("the dashboard server has restarted and has no data yet");
  return answer;
}

export const wallQuery = {
  key: (clusterId: string) => ["wall", clusterId] as const,
  options: (clusterId: string) =>
    queryOptions({
      queryKey: wallQuery.key(clusterId),
      queryFn: ({ signal, client }) =>
        fetchWall(clusterId, signal, client.getQueryData<WallResponse>(wallQuery.key(clusterId))),
      refetchInterval: wallPollMs,
      // Nobody focuses a wall display; it must keep polling while its tab counts as hidden.
      refetchIntervalInBackground: true,
      retry: 0,
    }),
};

/** How the wall's link to the dashboard server stands. */
export interface WallLink {
  status: "live" | "reconnecting" | "lost";
  /** When the server last answered, in the browser's clock. */
  lastAnswerAt: number;
  /** How long ago that was; 0 until the page's clock first ticks. */
  ageMs: number;
}

/** `now` is null during the server render and before the page's clock first ticks. */
export function wallLink(lastAnswerAt: number, failing: boolean, now: number | null): WallLink {
  const ageMs = now === null ? 0 : Math.max(0, now - lastAnswerAt);
  const status =
    ageMs > WALL_LOST_AFTER_POLLS * wallPollMs ? "lost" : failing ? "reconnecting" : "live";
  return { status, lastAnswerAt, ageMs };
}

export interface ShownState {
  state: WallState;
  tone: Tone;
  icon: string;
  /** The rest of the panel is last known data, shown without its colours. */
  greyed: boolean;
}

/** What a wall shows while it has no model to show, or none it may trust. */
export const WALL_UNKNOWN: ShownState = {
  state: "UNKNOWN",
  tone: WALL_STATE_TONES.UNKNOWN,
  icon: TONE_ICONS[WALL_STATE_TONES.UNKNOWN],
  greyed: true,
};

/** What the wall shows as a cluster's state: its model's, or UNKNOWN once the link is lost. */
export function shownState(
  model: Pick<WallModel, "state" | "tone" | "icon">,
  link: WallLink,
): ShownState {
  if (link.status === "lost") return WALL_UNKNOWN;
  return { state: model.state, tone: model.tone, icon: model.icon, greyed: false };
}
