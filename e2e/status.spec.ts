import { copyFileSync, mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { StatusPage } from "./pages/status-page";

// One story in order, as a manager would live it: healthy, an outage, the recovery, maintenance.
test.describe.configure({ mode: "serial" });

const QUORUM_OUTAGE = "Outage: Cluster quorum";

function keep(path: string, name: string): void {
  mkdirSync("docs/screenshots", { recursive: true });
  copyFileSync(path, `docs/screenshots/${name}`);
}

test.describe("public status page on the simulated cluster", () => {
  test("a healthy cluster reads Operational, with uptime bars and the time of the data", async ({
    page,
    browser,
  }) => {
    const status = new StatusPage(page);
    const since = await status.useScenario("healthy-3-node");
    await status.waitFor(since, (s) => s.status.tiebreaker_status === "Operational");
    await status.open();
    await expect(status.overall).toHaveAttribute("data-status", "Operational");
    await expect(page.getByTestId("status-updated")).toContainText(/Last updated \d+ \w+ \d{4}/);
    for (const id of ["quorum", "nodes", "storage"])
      await expect(status.component(id)).toHaveAttribute("data-status", "Operational");
    await expect(status.component("quorum").locator("[data-day]")).toHaveCount(90);
    expect(await page.content()).not.toContain("/admin");
    keep(await status.screenshot("status-healthy"), "status-healthy.png");

    // Readable without JavaScript: the first HTML carries the word and the components.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await plain.newPage();
    await noJs.goto("/status");
    await expect(noJs.getByTestId("status-word")).toHaveText("Operational");
    await expect(noJs.getByTestId("status-component")).toHaveCount(3);
    // Without scripts the page reloads itself; with them it refreshes in place (no timed reload).
    await expect(noJs.locator('meta[http-equiv="refresh"]')).toHaveAttribute("content", "30");
    await plain.close();
  });

  test("a lost quorum turns the page to Outage and opens an incident after the debounce", async ({
    page,
  }) => {
    const status = new StatusPage(page);
    const since = await status.useScenario("two-node-no-qdevice-node-down");
    const summary = await status.waitFor(since, (s) =>
      s.incidents.some((i) => i.name === QUORUM_OUTAGE),
    );
    expect(summary.status.indicator).toBe("critical");
    expect(summary.components.find((c) => c.id === "demo.quorum")?.status).toBe("major_outage");
    await status.open();
    await expect(status.overall).toHaveAttribute("data-status", "Outage");
    await expect(status.component("quorum")).toHaveAttribute("data-status", "Outage");
    const incident = status.incident(QUORUM_OUTAGE);
    await expect(incident).toHaveAttribute("data-status", "investigating");
    await expect(incident).toContainText("ongoing");
    keep(await status.screenshot("status-outage"), "status-outage.png");
  });

  test("after recovery the incident is resolved and listed, and uptime is below 100 %", async ({
    page,
  }) => {
    const status = new StatusPage(page);
    const since = await status.useScenario("healthy-3-node");
    await status.waitFor(
      since,
      (s) => s.status.tiebreaker_status === "Operational" && s.incidents.length === 0,
    );
    await status.open();
    await expect(status.overall).toHaveAttribute("data-status", "Operational");
    const incident = status.incident(QUORUM_OUTAGE);
    await expect(incident).toHaveAttribute("data-status", "resolved");
    await expect(incident.getByTestId("status-incident-update").first()).toContainText("recovered");
    expect(await status.uptime("quorum", "24h")).toBeLessThan(100);
    await expect(status.component("quorum").locator("[data-day]").last()).toHaveAttribute(
      "data-status",
      "Outage",
    );
    await status.screenshot("status-recovered");
  });

  test("an admin's update and postmortem appear on the public page and in the feed", async ({
    page,
  }) => {
    const status = new StatusPage(page);
    const refused = await page.request.post("/api/admin/status/maintenance", {
      data: {
        clusterId: "demo",
        title: "x",
        startsAt: "2030-01-01T00:00",
        endsAt: "2030-01-01T01:00",
      },
    });
    expect(refused.status()).toBe(401);
    await page.goto("/admin/status");
    await expect(page).toHaveURL(/\/admin\/login/);

    await status.signIn();
    await page.goto("/admin/status");
    const incident = page.getByTestId("admin-incident").filter({ hasText: QUORUM_OUTAGE }).first();
    await incident.getByText("Title, impact and postmortem").click();
    await incident
      .getByLabel("Postmortem (public; empty removes it)")
      .fill("The second node lost power; a QDevice is now in place.");
    await incident.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("saved");
    const again = page.getByTestId("admin-incident").filter({ hasText: QUORUM_OUTAGE }).first();
    await again.getByLabel("Update (public)").fill("Both nodes have been stable for an hour.");
    await again.getByRole("button", { name: "Add update" }).click();
    await expect(page.getByRole("status")).toContainText("Update added");

    await status.open();
    await expect(status.incident(QUORUM_OUTAGE).getByTestId("status-postmortem")).toContainText(
      "a QDevice is now in place",
    );
    await expect(
      status.incident(QUORUM_OUTAGE).getByTestId("status-incident-update").first(),
    ).toContainText("stable for an hour");
    const feed = await page.request.get("/status/feed.atom");
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    expect(await feed.text()).toContain("[Resolved] Outage: Cluster quorum");
  });

  test("inside a maintenance window an outage reads Maintenance and opens no incident", async ({
    page,
  }) => {
    const status = new StatusPage(page);
    await status.signIn();
    await page.goto("/admin/status");
    const form = page.getByTestId("admin-maintenance-form");
    const minute = (offset: number) =>
      new Date(Date.now() + offset * 60_000).toISOString().slice(0, 16);
    await form.getByLabel("Cluster quorum").check();
    await form.getByLabel("Node availability").check();
    await form.getByLabel("Starts (UTC)").fill(minute(-1));
    await form.getByLabel("Ends (UTC)").fill(minute(60));
    await form.getByLabel("Public title").fill("Replacing the cluster network switch");
    await form
      .getByLabel("What will happen (public)")
      .fill("One node at a time leaves the cluster.");
    await form.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByRole("status")).toContainText("scheduled");

    const since = await status.useScenario("two-node-no-qdevice-node-down");
    // Ten intervals later, well past the three an incident needs, still no incident.
    const summary = await status.waitFor(
      since,
      (s) => Date.parse(s.page.updated_at!) > since + 10_000,
      45_000,
    );
    expect(summary.status.tiebreaker_status).toBe("Maintenance");
    expect(summary.incidents).toEqual([]);
    expect(summary.scheduled_maintenances[0]).toMatchObject({ status: "in_progress" });
    await status.open();
    await expect(status.overall).toHaveAttribute("data-status", "Maintenance");
    await expect(status.component("quorum")).toHaveAttribute("data-status", "Maintenance");
    await expect(page.getByTestId("status-maintenance").first()).toHaveAttribute(
      "data-state",
      "in-progress",
    );
    await status.screenshot("status-maintenance");

    await page.goto("/admin/status");
    await page
      .getByTestId("admin-maintenance")
      .first()
      .getByRole("button", { name: "Cancel" })
      .click();
    await expect(page.getByRole("status")).toContainText("cancelled");
    await status.useScenario("healthy-3-node");
  });

  test("the badges, the Statuspage JSON and the per-client rate limit", async ({ page }) => {
    const badge = await page.request.get("/status/badge.svg");
    expect(badge.headers()["content-type"]).toContain("image/svg+xml");
    expect(badge.headers()["cache-control"]).toMatch(/max-age=\d+/);
    expect(await badge.text()).toMatch(/<svg[^>]*aria-label="status: \w+"/);
    const uptime = await page.request.get("/status/badge.svg?component=quorum&window=7d");
    expect(await uptime.text()).toMatch(/Cluster quorum 7d: \d+\.\d\d %/);
    const json = (await (await page.request.get("/api/v2/status.json")).json()) as {
      status: { indicator: string };
    };
    expect(["none", "minor", "major", "critical"]).toContain(json.status.indicator);

    const client = { "x-forwarded-for": "198.51.100.77" };
    const codes: number[] = [];
    for (let i = 0; i < 125; i++)
      codes.push((await page.request.get("/api/v2/status.json", { headers: client })).status());
    expect(codes.slice(0, 120).every((c) => c === 200)).toBe(true);
    expect(codes.slice(120)).toEqual([429, 429, 429, 429, 429]);
    const other = await page.request.get("/api/v2/status.json", {
      headers: { "x-forwarded-for": "198.51.100.78" },
    });
    expect(other.status()).toBe(200);
  });

  test("no public output of any scenario the demo offers shows an internal name or error", async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(600_000);
    const status = new StatusPage(page);
    const demo = (await (await page.request.get("/api/demo")).json()) as {
      scenarios: { name: string }[];
    };
    expect(demo.scenarios.length).toBeGreaterThan(20);
    for (const [n, { name }] of demo.scenarios.entries()) {
      const since = await status.useScenario(name);
      let overview: Record<string, unknown> = {};
      await expect
        .poll(async () => {
          overview = (await (await page.request.get("/api/cluster?cluster=demo")).json()) as Record<
            string,
            unknown
          >;
          return !overview.pending && Date.parse(String(overview.takenAt)) > since;
        })
        .toBe(true);
      await status.waitFor(since, () => true);
      const words = internalStrings(overview);
      const client = { "x-forwarded-for": `192.0.2.${(n % 250) + 1}` };
      for (const path of [
        "/status",
        "/api/v2/status.json",
        "/api/v2/summary.json",
        "/status/feed.atom",
        "/status/badge.svg",
        "/status/badge.svg?component=nodes&window=24h",
      ]) {
        const response = await page.request.get(path, { headers: client });
        expect(response.status(), `${name} ${path}`).toBeLessThan(400);
        const text = (await response.text()).replaceAll(baseURL!, "");
        for (const word of words)
          expect(text, `${name}: ${path} shows "${word}"`).not.toMatch(whole(word));
        expect(text, `${name}: ${path}`).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b|\/dev\//);
      }
    }
    await status.useScenario("healthy-3-node");
  });
});

/** What the admins' overview holds that an anonymous visitor must not see. */
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
const TOOL_WORDS = ["StandAlone", "Quorate", "UpToDate", "WFConnection", "Outdated", "Diskless"];

function internalStrings(overview: Record<string, unknown>): string[] {
  const found = new Set<string>(TOOL_WORDS);
  const walk = (value: unknown, key: string | null) => {
    if (typeof value === "string") {
      if (key !== null && KEYS.has(key) && value.length >= 2) found.add(value);
      if (key === "subject" && value.includes(":")) found.add(value.slice(value.indexOf(":") + 1));
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(overview, null);
  for (const node of (overview.nodes as { name: string }[] | undefined) ?? []) found.add(node.name);
  for (const s of (overview.storage as { id: string }[] | undefined) ?? []) found.add(s.id);
  return [...found];
}

/** The word on its own, not inside a longer one. */
function whole(word: string): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9_])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_])`,
  );
}
