import { describe, expect, it } from "vitest";
import { wallPollMs } from "./polling";
import { shownState, WALL_LOST_AFTER_POLLS, wallLink } from "./wall";

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
