import { describe, expect, it } from "vitest";
import { historySchema } from "./history-schema";
import { resolveStatusPages, statusPagesSchema } from "./status-schema";

const clusters = [{ id: "prod", name: "Production" }, { id: "lab" }];

describe("status pages", () => {
  it("gives each cluster a page of its own when none are configured", () => {
    expect(resolveStatusPages(statusPagesSchema.parse(undefined), clusters)).toEqual({
      ok: true,
      pages: [
        { id: "prod", title: "Production", clusters: ["prod"], showNames: false },
        { id: "lab", title: "lab", clusters: ["lab"], showNames: false },
      ],
    });
  });

  it.each([
    [
      "a cluster that is not configured",
      [{ id: "a", title: "A", clusters: ["prod", "dr"] }],
      { field: "statusPages.0.clusters", message: 'no cluster "dr"' },
    ],
    [
      "two pages with one id",
      [
        { id: "a", title: "A", clusters: ["prod"] },
        { id: "a", title: "B", clusters: ["lab"] },
      ],
      { field: "statusPages.1.id", message: '"a" is used twice' },
    ],
  ])("names the field for %s", (_name, pages, error) => {
    expect(resolveStatusPages(statusPagesSchema.parse(pages), clusters)).toEqual({
      ok: false,
      ...error,
    });
  });

  it("refuses a page id that cannot be a URL segment", () => {
    expect(
      statusPagesSchema.safeParse([{ id: "Feed.atom", title: "x", clusters: ["prod"] }]).success,
    ).toBe(false);
  });
});

describe("history settings", () => {
  it("keep history in memory with the documented defaults when not configured", () => {
    expect(historySchema.parse(undefined)).toEqual({
      driver: "sqlite",
      sqlitePath: ":memory:",
      retentionDays: 400,
      openAfterIntervals: 3,
      resolveAfterIntervals: 5,
    });
    expect(historySchema.parse({ sqlitePath: "/var/lib/tb/h.sqlite" })).toMatchObject({
      sqlitePath: "/var/lib/tb/h.sqlite",
      retentionDays: 400,
    });
  });

  it("keep history in PostgreSQL given exactly one of url and urlFile", () => {
    expect(
      historySchema.parse({ driver: "postgres", urlFile: "/etc/tiebreaker/postgres.url" }),
    ).toMatchObject({ driver: "postgres", urlFile: "/etc/tiebreaker/postgres.url" });
    const neither = historySchema.safeParse({ driver: "postgres" });
    expect(neither.success).toBe(false);
    expect(neither.error?.issues[0]).toMatchObject({
      path: ["url"],
      message: 'with driver "postgres", set exactly one of url, urlFile',
    });
    expect(
      historySchema.safeParse({ driver: "postgres", url: "mysql://db/tiebreaker" }).success,
    ).toBe(false);
  });
});
