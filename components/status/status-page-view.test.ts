import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { publicPageInput } from "@/lib/history/page-input";
import { HistoryRecorder, componentWords } from "@/lib/history/recorder";
import { openSqliteHistory, type SqliteHistoryStore } from "@/lib/history/sqlite-store";
import { toOverviewModel } from "@/lib/surfaces/overview";
import { toPublicPage, UPTIME_WINDOWS, type PublicPage } from "@/lib/surfaces/public-status";
import { statusBadge, uptimeBadge } from "@/lib/surfaces/status-badge";
import { toAtomFeed } from "@/lib/surfaces/status-feed";
import { toStatusJson, toSummaryJson } from "@/lib/surfaces/statuspage-json";
import { evaluated, scenariosDir, T0 } from "@/lib/surfaces/test-helpers";
import { StatusPageView } from "./status-page-view";

const scenarios = readdirSync(scenariosDir).filter((name) =>
  existsSync(path.join(scenariosDir, name, "scenario.json")),
);
const TOOL_WORDS = ["StandAlone", "Quorate", "UpToDate", "WFConnection", "Outdated", "Diskless"];
const stores: SqliteHistoryStore[] = [];
afterAll(() => stores.forEach((s) => s.close()));

/** What the admins' overview shows and an anonymous visitor must not see, wherever it sits. */
const KEYS = new Set([
  "node",
  "peer",
  "resource",
  "mountpoint",
  "device",
  "host",
  "answeredBy",
  "viewFrom",
  "message",
  "detail",
  "kernel",
]);

/** Every name, address, path, tool word and error text the admins' overview of it holds. */
function internalStrings(name: string, view: Awaited<ReturnType<typeof evaluated>>): string[] {
  const found = new Set<string>(TOOL_WORDS);
  const meta = JSON.parse(readFileSync(path.join(scenariosDir, name, "scenario.json"), "utf8")) as {
    clusterName?: string;
  };
  if (meta.clusterName) found.add(meta.clusterName);
  const overview = toOverviewModel(view, null);
  const walk = (value: unknown, key: string | null) => {
    if (typeof value === "string") {
      if (key !== null && KEYS.has(key) && value.length >= 2) found.add(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(overview, null);
  for (const node of overview.nodes) found.add(node.name);
  for (const storage of overview.storage) found.add(storage.id);
  for (const f of overview.findings)
    if (f.subject !== "cluster") found.add(f.subject.slice(f.subject.indexOf(":") + 1));
  return [...found];
}

/** The word on its own, not inside a longer one ("colo" is not in "color"). */
function whole(word: string): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9_])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_])`,
  );
}

/** A day of history for the scenario: an hour healthy, then the scenario for ten minutes. */
async function publicPage(name: string, showNames = false): Promise<PublicPage> {
  const view = await evaluated(name);
  const healthy = await evaluated("healthy-3-node");
  const store = openSqliteHistory(":memory:");
  stores.push(store);
  const recorder = new HistoryRecorder(store, { openAfterIntervals: 3, resolveAfterIntervals: 5 });
  let t = T0 - 70 * 60_000;
  for (; t < T0 - 10 * 60_000; t += 5_000)
    recorder.observe("c1", 5_000, componentWords(healthy), t);
  for (; t <= T0; t += 5_000) recorder.observe("c1", 5_000, componentWords(view), t);
  store.scheduleMaintenance({
    clusterId: "c1",
    componentIds: null,
    title: "Planned switch firmware update",
    body: "Expect short interruptions.",
    startsAtMs: T0 + 86_400_000,
    endsAtMs: T0 + 90_000_000,
    createdAtMs: T0,
  });
  const page = { id: "main", title: "Platform status", showNames };
  return toPublicPage(publicPageInput(store, page, [{ id: "c1", name: "Production", view }], T0));
}

function renderAll(page: PublicPage): Record<string, string> {
  const url = "https://status.example/status";
  const components = page.groups.flatMap((g) => g.components);
  return {
    html: renderToStaticMarkup(createElement(StatusPageView, { page, query: "" })),
    "status.json": JSON.stringify(toStatusJson(page, url)),
    "summary.json": JSON.stringify(toSummaryJson(page, url)),
    feed: toAtomFeed(page, url, `${url}/feed.atom`),
    badge: [
      statusBadge(page),
      ...components.flatMap((c) => UPTIME_WINDOWS.map((w) => uptimeBadge(c.name, c.uptime[w]))),
    ].join("\n"),
  };
}

describe("every public output of every scenario", () => {
  it("finds scenarios to render", () => expect(scenarios.length).toBeGreaterThan(20));

  it.each(scenarios)(
    "%s shows no node, address, storage id, path, tool word or error",
    async (name) => {
      const page = await publicPage(name);
      const words = internalStrings(name, await evaluated(name));
      for (const [output, text] of Object.entries(renderAll(page))) {
        for (const word of words)
          expect(text, `${output} contains "${word}"`).not.toMatch(whole(word));
        expect(text, output).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b|\/dev\/|\/mnt\//);
      }
    },
  );

  it("shows a critical scenario's outage as an incident with its updates", async () => {
    const page = await publicPage("drbd9-split-brain");
    expect(page.status).toBe("Outage");
    const html = renderAll(page).html;
    expect(html).toContain("Outage: Replicated storage (DRBD)");
    expect(html).toContain("Planned switch firmware update");
    expect(page.incidents[0]).toMatchObject({ impact: "outage", status: "investigating" });
    const summary = toSummaryJson(page, "https://status.example/status");
    expect(summary.status.indicator).toBe("critical");
    expect(summary.components.find((c) => c.id === "c1.drbd")?.status).toBe("major_outage");
  });

  it("lists the affected names only on a page whose operator opted in", async () => {
    const hidden = renderAll(await publicPage("two-node-no-qdevice-node-down")).html;
    const shown = renderAll(await publicPage("two-node-no-qdevice-node-down", true)).html;
    expect(hidden).not.toContain("pve2");
    expect(shown).toContain("pve2");
  });
});
