import { copyFileSync, mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { WallModel } from "@/lib/surfaces/wall";
import { scenarioWallModel, WallPage } from "./pages/wall-page";

const SCREENS = [
  { name: "1920x1080", width: 1920, height: 1080 },
  { name: "3840x2160", width: 3840, height: 2160 },
  { name: "1080x1920", width: 1080, height: 1920 },
];

/** The worst case the wall must fit: 16 nodes, 200 DRBD resources, every section in use. */
function largestCluster(real: WallModel): WallModel {
  const node = (i: number) => {
    const name = `pve-node-${String(i + 1).padStart(2, "0")}`;
    if (i === 3)
      return {
        name,
        online: false,
        quorate: null,
        votes: 1,
        word: "offline",
        tone: "crit" as const,
      };
    return { name, online: true, quorate: true, votes: 1, word: "online", tone: "ok" as const };
  };
  return {
    ...real,
    state: "CRITICAL",
    tone: "crit",
    icon: "✕",
    votes: {
      quorate: true,
      total: 16,
      expected: 17,
      quorum: 9,
      canLose: 7,
      sentence: "16 of 17 votes, quorum 9, can lose 7",
      canLoseLine:
        "can lose: any one of its 16 nodes or the QDevice; two only as 119 of the 136 pairs",
      voters: [
        ...Array.from({ length: 16 }, (_, i) => ({
          name: node(i).name,
          kind: "node" as const,
          votes: 1,
          voting: i !== 3,
        })),
        { name: "QDevice", kind: "qdevice" as const, votes: 1, voting: false },
      ].sort((a, b) => Number(b.voting) - Number(a.voting)),
    },
    qdevice: { state: "not-voting", word: "QDevice not voting", tone: "warn" },
    nodes: Array.from({ length: 16 }, (_, i) => node(i)),
    drbd: {
      total: 200,
      counts: [
        { word: "critical", tone: "crit", count: 2 },
        { word: "degraded", tone: "warn", count: 6 },
        { word: "unknown", tone: "unknown", count: 4 },
        { word: "syncing", tone: "info", count: 3 },
        { word: "in sync", tone: "ok", count: 185 },
      ],
    },
    ocfs2: {
      total: 3,
      counts: [
        { word: "degraded", tone: "warn", count: 1 },
        { word: "mounted", tone: "ok", count: 2 },
      ],
    },
    banners: [
      {
        severity: "critical",
        tone: "crit",
        icon: "✕",
        title:
          "DRBD split brain on vm-104-disk-0: pve-node-02 and pve-node-09 both wrote while disconnected",
      },
      {
        severity: "critical",
        tone: "crit",
        icon: "✕",
        title: "Node pve-node-04 is offline: neither its agent nor the Proxmox API has seen it",
      },
      {
        severity: "warning",
        tone: "warn",
        icon: "▲",
        title: "The QDevice does not vote: qnetd refuses the connection from all 16 nodes",
      },
    ],
    moreFindings: 9,
    stale: { sources: 2, oldestAgeMs: 47_000 },
  };
}

// The demo configures a display key: each test's fresh browser is paired like a wall PC first.
test.beforeEach(async ({ page }) => {
  await new WallPage(page).pair();
});

test.describe("wall display on the simulated cluster", () => {
  test("shows OK for a healthy cluster, then turns CRITICAL by itself when it fails", async ({
    page,
  }) => {
    const wall = new WallPage(page);
    await wall.useScenario("healthy-3-node", "OK");
    await wall.open();
    await expect(wall.stateWord).toHaveText("OK");
    await expect(wall.voteSentence).toHaveText("3 of 3 votes, quorum 2, can lose 1");
    await wall.markDocument();

    const failing = await wall.useScenario("two-node-no-qdevice-node-down", "CRITICAL", 1);
    // By server-sent event, not the 5 s poll: one collector interval (1 s here) plus one second.
    await expect(wall.stateWord).toHaveText("CRITICAL", { timeout: 2_000 });
    await expect(wall.voteSentence).toHaveText(failing.votes.sentence);
    await expect(page.getByTestId("wall-banner").first()).toHaveAttribute(
      "data-severity",
      "critical",
    );
    expect(await wall.documentIsMarked(), "the page updated without a reload").toBe(true);
  });

  test("fits the screen without scrolling at 1920×1080, 3840×2160 and portrait 1080×1920", async ({
    page,
  }) => {
    const wall = new WallPage(page);
    const real = await wall.useScenario("drbd9-split-brain", "CRITICAL");
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await wall.open();
      await expect(wall.stateWord).toHaveText(real.state);
      await wall.expectFits();
      const shot = await wall.screenshot(`wall-${screen.name}`);
      if (screen.name === "1920x1080") {
        mkdirSync("docs/screenshots", { recursive: true });
        copyFileSync(shot, "docs/screenshots/wall.png");
      }
    }

    // The largest cluster the wall is made for, 16 nodes and 200 DRBD resources, from its scenario.
    const large = await scenarioWallModel("linstor-16-node-200-resources");
    const body = JSON.stringify({ pending: false, ...large });
    expect(Buffer.byteLength(body), "the /api/wall answer in bytes").toBeLessThan(20_000);
    await page.route("**/api/wall?**", (route) =>
      route.fulfill({ body, contentType: "application/json" }),
    );
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await wall.open();
      await expect(page.getByTestId("wall-node")).toHaveCount(16);
      await expect(wall.stateWord).toHaveText("DEGRADED");
      await expect(page.getByTestId("wall-storage").first()).toContainText("DRBD 200 resources");
      await wall.expectFits();
      await wall.screenshot(`wall-16-nodes-${screen.name}`);
    }

    // The worst case on top: every section in use, long banners, a QDevice that does not vote.
    const worst = largestCluster(real);
    await page.route("**/api/wall?**", (route) => route.fulfill({ json: worst }));
    for (const screen of SCREENS) {
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await wall.open();
      await expect(page.getByTestId("wall-node")).toHaveCount(16);
      await wall.expectFits();
      await wall.screenshot(`wall-worst-case-${screen.name}`);
    }

    // Two clusters side by side.
    await page.unroute("**/api/wall?**");
    await page.setViewportSize({ width: 1920, height: 1080 });
    await wall.open("?cluster=demo&cluster=demo");
    await expect(wall.panels).toHaveCount(2);
    await wall.expectFits();
    await wall.screenshot("wall-two-clusters-1920x1080");
  });

  test("keeps the last state when the server goes silent, turns UNKNOWN after three polls, and recovers", async ({
    page,
  }) => {
    const wall = new WallPage(page);
    await wall.useScenario("healthy-3-node", "OK");
    await wall.open();
    await expect(wall.stateWord).toHaveText("OK");

    await page.route("**/api/wall?**", (route) => route.abort("connectionrefused"));
    await expect(wall.cluster).toHaveAttribute("data-link", "reconnecting", { timeout: 15_000 });
    await expect(wall.stateWord).toHaveText("OK");
    await expect(page.getByTestId("wall-link")).toContainText("reconnecting");
    await expect(wall.stateWord).toHaveText("UNKNOWN", { timeout: 30_000 });
    await expect(page.getByTestId("wall-state")).toContainText("last known: OK");
    await wall.screenshot("wall-server-silent");

    await page.unroute("**/api/wall?**");
    await expect(wall.stateWord).toHaveText("OK", { timeout: 15_000 });
    await expect(wall.cluster).toHaveAttribute("data-link", "live");
  });
});

test.describe("wall display when the cluster itself cannot be seen", () => {
  for (const [scenario, why, finding] of [
    ["api-unreachable", "the Proxmox API does not answer", "The Proxmox API cannot be used (tls)"],
    ["agent-unreachable", "a node's agent does not answer", "pve2's agent cannot be read"],
  ] as const)
    test(`says UNKNOWN, from a live server, when ${why} (${scenario})`, async ({ page }) => {
      const wall = new WallPage(page);
      await wall.useScenario(scenario, "UNKNOWN", 1);
      await wall.open("?cluster=demo");
      await expect(wall.stateWord).toHaveText("UNKNOWN");
      await expect(page.getByTestId("wall-state")).toHaveAttribute("data-tone", "unknown");
      // The server answers: this is the cluster's state, not a silent server's.
      await expect(wall.cluster).toHaveAttribute("data-link", "live");
      await expect(wall.cluster).toHaveAttribute("data-greyed", "false");
      await expect(page.getByTestId("wall-state")).not.toContainText("last known");
      await expect(page.getByTestId("wall-stale")).toContainText("1 source stale");
      await expect(page.getByTestId("wall-banner").first()).toHaveAttribute(
        "data-severity",
        "unknown",
      );
      // Until every source has answered once, the banner says the wall is waiting for it.
      await expect(page.getByTestId("wall-banner").first()).toContainText(finding);
      await wall.screenshot(`wall-unknown-${scenario}`);
    });
});

test.describe("wall display without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the first HTML already holds the state word and the vote sentence", async ({ page }) => {
    const wall = new WallPage(page);
    const model = await wall.useScenario("two-node-no-qdevice", "DEGRADED");
    const html = await (await page.request.get("/wall?cluster=demo")).text();
    expect(html).toContain(`>${model.state}<`);
    expect(html).toContain(model.votes.sentence);

    await wall.open("?cluster=demo");
    await expect(wall.stateWord).toHaveText(model.state);
    await expect(wall.voteSentence).toHaveText(model.votes.sentence);
    await expect(page.getByTestId("wall-waiting")).toHaveCount(0);
  });
});

test.describe("wall display keeps its screen on", () => {
  test("asks for a screen wake lock, and again each time the page becomes visible", async ({
    page,
  }) => {
    // A stand-in for the browser's Wake Lock API: it counts requests, and a hidden page loses its
    // lock, as browsers do.
    await page.addInitScript(() => {
      type Lock = EventTarget & { type: string; released: boolean; release(): Promise<void> };
      const w = window as Window & {
        wakeLockRequests?: string[];
        setPageVisibility?: (state: DocumentVisibilityState) => void;
      };
      const locks: Lock[] = [];
      const requests: string[] = [];
      let visibility: DocumentVisibilityState = "visible";
      w.wakeLockRequests = requests;
      Object.defineProperty(document, "visibilityState", { get: () => visibility });
      Object.defineProperty(document, "hidden", { get: () => visibility !== "visible" });
      Object.defineProperty(navigator, "wakeLock", {
        value: {
          request: (type: string) => {
            requests.push(type);
            const lock = Object.assign(new EventTarget(), {
              type,
              released: false,
              release: () => {
                lock.released = true;
                return Promise.resolve();
              },
            });
            locks.push(lock);
            return Promise.resolve(lock);
          },
        },
      });
      w.setPageVisibility = (state) => {
        visibility = state;
        if (state === "hidden")
          for (const lock of locks) {
            lock.released = true;
            lock.dispatchEvent(new Event("release"));
          }
        document.dispatchEvent(new Event("visibilitychange"));
      };
    });
    const requests = () =>
      page.evaluate(() => (window as Window & { wakeLockRequests?: string[] }).wakeLockRequests);
    const setVisibility = (state: DocumentVisibilityState) =>
      page.evaluate(
        (s) =>
          (
            window as Window & { setPageVisibility?: (s: DocumentVisibilityState) => void }
          ).setPageVisibility?.(s),
        state,
      );

    const wall = new WallPage(page);
    await wall.open();
    await expect(wall.stateWord).toBeVisible();
    await expect.poll(requests).toEqual(["screen"]);

    await setVisibility("hidden");
    expect(await requests(), "no request while the page is hidden").toEqual(["screen"]);
    await setVisibility("visible");
    await expect.poll(requests).toEqual(["screen", "screen"]);

    await setVisibility("hidden");
    await setVisibility("visible");
    await expect.poll(requests).toEqual(["screen", "screen", "screen"]);
  });
});
