import type { CDPSession } from "@playwright/test";
import { expect, test } from "@playwright/test";
import type { WallState } from "@/lib/surfaces/cluster-state";
import type { WallModel } from "@/lib/surfaces/wall";
import { scenarioWallModel, WallPage } from "./pages/wall-page";

const UPDATES = 2_000;
/**
 * Updates before the first measurement: code and caches that load once are in, and each poll's
 * 5 s timeout timer has reached its steady number (measured flat from 600 to 6,500 updates).
 */
const WARM_UP = 1_000;
const MAX_GROWTH = 0.1;

/** Real wall models: the demo switches through these scenarios and the wall API answers each. */
const SCENARIOS: [name: string, state: WallState, staleSources: number][] = [
  ["healthy-3-node", "OK", 0],
  ["two-node-no-qdevice", "DEGRADED", 0],
  ["drbd9-split-brain", "CRITICAL", 0],
  ["two-node-no-qdevice-node-down", "CRITICAL", 1],
  ["ocfs2-kernel-skew-dio-errors", "CRITICAL", 0],
];

/** The JS heap in use after full garbage collections: the smallest of three readings. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
    readings.push((await cdp.send("Runtime.getHeapUsage")).usedSize);
  }
  return Math.min(...readings);
}

test.beforeEach(async ({ page }) => {
  await new WallPage(page).pair();
});

test(`the JS heap stays flat over ${UPDATES} updates while the scenarios change`, async ({
  page,
}) => {
  test.setTimeout(600_000);
  const wall = new WallPage(page);
  const models: WallModel[] = [];
  for (const [name, state, stale] of SCENARIOS)
    models.push(await wall.useScenario(name, state, stale));
  // And the largest cluster the wall is made for, 16 nodes and 200 DRBD resources.
  models.push(await scenarioWallModel("linstor-16-node-200-resources"));
  await wall.useScenario("healthy-3-node", "OK");

  // Each update is a rendered change of the data's time, counted in the page as it reaches the DOM.
  // The wall's own fetch and event stream are answered in the page, so that updates come as fast
  // as the page renders them: /api/wall answers the next scenario's model each time, with a new
  // time, and the event stream announces a change every 10 ms.
  await page.addInitScript(
    ({ models, start }) => {
      const w = window as Window & { wallUpdates?: number };
      w.wallUpdates = 0;
      new MutationObserver((records) => {
        w.wallUpdates! += records.length;
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["datetime"] });

      let served = 0;
      const networkFetch = window.fetch.bind(window);
      window.fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.includes("/api/wall?")) return networkFetch(input, init);
        const model = models[served % models.length]!;
        const takenAt = new Date(start + served * 1_000).toISOString();
        served++;
        return Promise.resolve(
          Response.json({ pending: false, ...model, takenAt }, { status: 200 }),
        );
      };
      class ChangingEventSource extends EventTarget {
        static readonly CONNECTING = 0;
        static readonly OPEN = 1;
        static readonly CLOSED = 2;
        readyState = 1;
        onopen: (() => void) | null = null;
        onerror: (() => void) | null = null;
        private readonly timer = setInterval(
          () => this.dispatchEvent(new MessageEvent("view", { data: "{}" })),
          10,
        );
        close() {
          clearInterval(this.timer);
          this.readyState = 2;
        }
      }
      window.EventSource = ChangingEventSource as unknown as typeof EventSource;
    },
    { models, start: Date.parse("2026-11-30T08:00:00Z") },
  );

  await wall.open("?cluster=demo");
  const updates = () =>
    page.evaluate(() => (window as Window & { wallUpdates?: number }).wallUpdates ?? 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");

  await expect
    .poll(updates, { timeout: 120_000, intervals: [500] })
    .toBeGreaterThanOrEqual(WARM_UP);
  const before = await heapAfterGc(cdp);
  const from = await updates();
  const startedAt = Date.now();
  await expect
    .poll(updates, { timeout: 480_000, intervals: [1_000] })
    .toBeGreaterThanOrEqual(from + UPDATES);
  const after = await heapAfterGc(cdp);
  const done = (await updates()) - from;
  const seconds = (Date.now() - startedAt) / 1000;

  // The page still shows a whole, live cluster after all of it.
  await expect(wall.panels).toHaveCount(1);
  await expect(wall.cluster).toHaveAttribute("data-link", "live");
  const growth = (after - before) / before;
  const figures =
    `${done} updates in ${seconds.toFixed(0)} s; heap after GC ${(before / 1e6).toFixed(2)} MB → ` +
    `${(after / 1e6).toFixed(2)} MB (${(growth * 100).toFixed(1)} %)`;
  test.info().annotations.push({ type: "memory", description: figures });
  console.log(`wall memory: ${figures}`);
  expect(growth, figures).toBeLessThanOrEqual(MAX_GROWTH);
});
