import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { wallPollMs } from "./polling";
import {
  shownState,
  WALL_LOST_AFTER_POLLS,
  WallAccessError,
  wallDenial,
  wallLink,
  wallQuery,
} from "./wall";

const answeredAt = 1_000_000;
const limit = WALL_LOST_AFTER_POLLS * wallPollMs;
const ok = { state: "OK", tone: "ok", icon: "✓" } as const;

describe("wall link", () => {
  it.each([
    ["before the page's clock ticks → live", false, null, "live"],
    ["an answer just now → live", false, answeredAt, "live"],
    ["the latest poll failed → reconnecting", true, answeredAt + wallPollMs, "reconnecting"],
    [
      "exactly three polls without an answer → still reconnecting",
      true,
      answeredAt + limit,
      "reconnecting",
    ],
    ["one millisecond more → lost", true, answeredAt + limit + 1, "lost"],
    ["no failure seen but no answer for too long → lost", false, answeredAt + limit + 1, "lost"],
  ] as const)("%s", (_name, failing, now, status) => {
    expect(wallLink(answeredAt, failing, now).status).toBe(status);
  });

  it("measures the silence from the last answer", () => {
    expect(wallLink(answeredAt, true, answeredAt + 47_000)).toEqual({
      status: "lost",
      lastAnswerAt: answeredAt,
      ageMs: 47_000,
    });
  });
});

describe("shown state", () => {
  it("shows the model's word while the server answers or has just missed a poll", () => {
    expect(shownState(ok, wallLink(answeredAt, true, answeredAt + wallPollMs))).toEqual({
      ...ok,
      greyed: false,
    });
  });

  it("never shows a stale green: a lost link turns OK into a greyed UNKNOWN", () => {
    expect(shownState(ok, wallLink(answeredAt, true, answeredAt + limit + 1))).toEqual({
      state: "UNKNOWN",
      tone: "unknown",
      icon: "?",
      greyed: true,
    });
  });
});

describe("wall query", () => {
  const model = { pending: false, clusterId: "demo", state: "OK" };
  afterEach(() => vi.unstubAllGlobals());

  function answering(...answers: [status: number, body: unknown][]) {
    const queue = [...answers];
    vi.stubGlobal(
      "fetch",
      vi.fn(() => {
        const [status, body] = queue.shift()!;
        return Promise.resolve(Response.json(body, { status }));
      }),
    );
  }

  const fetchWall = (client: QueryClient) =>
    client.fetchQuery({ ...wallQuery.options("demo"), staleTime: 0 });

  it.each([
    ["revoked", "this display was revoked"],
    ["unpaired", "this display is not paired"],
  ] as const)("tells a %s display apart from a failing server", async (access, error) => {
    answering([401, { error, access }]);
    const failure = await fetchWall(new QueryClient()).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WallAccessError);
    expect(wallDenial(failure)).toBe(access);
  });

  it("treats any other refusal as a failed poll", async () => {
    answering([403, { error: 'this display may not show cluster "demo"', access: "forbidden" }]);
    const failure = await fetchWall(new QueryClient()).catch((err: unknown) => err);
    expect(wallDenial(failure)).toBeNull();
    expect(String(failure)).toContain("may not show");
  });

  it("keeps the last view when a restarted server has none yet", async () => {
    const client = new QueryClient();
    answering([202, { pending: true, clusterId: "demo" }], [200, model], [202, { pending: true }]);
    expect(await fetchWall(client)).toEqual({ pending: true, clusterId: "demo" });
    expect(await fetchWall(client)).toEqual(model);
    await expect(fetchWall(client)).rejects.toThrow(/restarted and has no data yet/);
    expect(client.getQueryData(wallQuery.key("demo"))).toEqual(model);
  });
});
