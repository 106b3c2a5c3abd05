import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import type { WallState } from "@/lib/surfaces/cluster-state";
import { toWallModel, type WallModel } from "@/lib/surfaces/wall";
import { evaluateScenario } from "@/replay/evaluate-scenario";

export const DEMO_CLUSTER = "demo";

/** Where the demo stack of this run keeps its files (playwright.config.ts starts it there). */
export const DEMO_WORK_DIR = path.resolve(`.tiebreaker/e2e-${process.env.TB_E2E_PORT ?? 3100}`);

/** The display key the demo configures for its wall. */
export function demoDisplayKey(workDir = DEMO_WORK_DIR): string {
  return readFileSync(path.join(workDir, "display-key"), "utf8").trim();
}

/**
 * A scenario's wall model through the same evaluation path as the server's, as /api/wall would
 * answer it. For the largest scenarios: the demo would start one agent process per node, and on a
 * loaded two-core machine sixteen of them do not come up within the demo's start-up limit.
 */
export async function scenarioWallModel(name: string): Promise<WallModel> {
  return toWallModel(
    await evaluateScenario(path.resolve("scenarios", name)),
    "Demo cluster (simulated)",
  );
}

/** The wall display, driven and read the way an operator's screen shows it. */
export class WallPage {
  constructor(readonly page: Page) {}

  /**
   * Switches the demo cluster and waits until the wall's API shows the scenario in full: its state,
   * with every source answered but the `staleSources` the scenario keeps silent. The first views
   * after a switch hold only the answers that have arrived so far.
   */
  async useScenario(name: string, state: WallState, staleSources = 0): Promise<WallModel> {
    const response = await this.page.request.post("/api/demo", { data: { scenario: name } });
    expect(response.ok(), await response.text()).toBe(true);
    let model: WallModel | null = null;
    await expect
      .poll(async () => {
        model = await this.model();
        return model && { state: model.state, staleSources: model.stale.sources };
      })
      .toEqual({ state, staleSources });
    return model!;
  }

  /** The wall's model as /api/wall serves it, or null while the collector has no view yet. */
  async model(cluster = DEMO_CLUSTER): Promise<WallModel | null> {
    const response = await this.page.request.get(`/api/wall?cluster=${cluster}`);
    if (response.status() !== 200) return null;
    return (await response.json()) as WallModel;
  }

  /** Pairs this browser the way an operator pairs a wall PC: by opening the one-time link. */
  async pair(key = demoDisplayKey()): Promise<void> {
    await this.page.goto(`/wall/pair?code=${encodeURIComponent(key)}`);
    await expect(this.page).toHaveURL(/\/wall$/);
    await expect(this.page.getByTestId("wall-access")).toHaveCount(0);
  }

  /** The note shown in place of any cluster when this display may not see data. */
  get accessNote(): Locator {
    return this.page.getByTestId("wall-access");
  }

  async open(query = ""): Promise<void> {
    await this.page.goto(`/wall${query}`);
    await expect(this.panels.first()).toBeVisible();
  }

  get panels(): Locator {
    return this.page.getByTestId("wall-panel");
  }

  get stateWord(): Locator {
    return this.page.getByTestId("wall-state-word").first();
  }

  get voteSentence(): Locator {
    return this.page.getByTestId("wall-votes").getByTestId("vote-sentence").first();
  }

  get cluster(): Locator {
    return this.page.getByTestId("wall-cluster").first();
  }

  /** Marks the loaded document, so a test can tell a live update from a reload. */
  async markDocument(): Promise<void> {
    await this.page.evaluate(() => {
      (window as Window & { wallMark?: boolean }).wallMark = true;
    });
  }

  async documentIsMarked(): Promise<boolean> {
    return this.page.evaluate(() => (window as Window & { wallMark?: boolean }).wallMark === true);
  }

  /** The document's scroll size and every element that reaches past the viewport. */
  async overflow(): Promise<{
    scrollWidth: number;
    scrollHeight: number;
    innerWidth: number;
    innerHeight: number;
    outside: string[];
  }> {
    return this.page.evaluate(() => {
      const outside: string[] = [];
      for (const element of document.querySelectorAll("body *")) {
        const r = element.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (
          r.left < -0.5 ||
          r.top < -0.5 ||
          r.right > innerWidth + 0.5 ||
          r.bottom > innerHeight + 0.5
        )
          outside.push(
            `${element.tagName.toLowerCase()}[${element.getAttribute("data-testid") ?? ""}] ` +
              `${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)}`,
          );
      }
      const root = document.documentElement;
      return {
        scrollWidth: root.scrollWidth,
        scrollHeight: root.scrollHeight,
        innerWidth,
        innerHeight,
        outside,
      };
    });
  }

  async expectFits(): Promise<void> {
    const fit = await this.overflow();
    expect(fit.scrollHeight, "document scrollHeight").toBeLessThanOrEqual(fit.innerHeight);
    expect(fit.scrollWidth, "document scrollWidth").toBeLessThanOrEqual(fit.innerWidth);
    expect(fit.outside, "elements outside the viewport").toEqual([]);
  }

  async screenshot(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path });
    return path;
  }
}
