import { createHash, randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { wallPollMs } from "@/lib/queries/polling";
import { DEMO_WORK_DIR, demoDisplayKey, WallPage } from "./pages/wall-page";

const configFile = path.join(DEMO_WORK_DIR, "dashboard.json");

/** Replaces the demo's config file in one step, as an editor saving it would. */
function writeConfig(text: string) {
  const next = `${configFile}.next`;
  writeFileSync(next, text, { mode: 0o600 });
  renameSync(next, configFile);
}

function withDisplayKeys(original: string, edit: (keys: unknown[]) => unknown[]): string {
  const config = JSON.parse(original) as { displayKeys?: unknown[] };
  return JSON.stringify({ ...config, displayKeys: edit(config.displayKeys ?? []) }, null, 2);
}

test.describe("wall display access", () => {
  test("an unpaired screen sees no cluster, and pairing leaves the key in no address and no page", async ({
    page,
    context,
    baseURL,
  }) => {
    const wall = new WallPage(page);
    const key = demoDisplayKey();

    // Unpaired: the page and the API say so, with no cluster data.
    await page.goto("/wall");
    await expect(wall.accessNote).toHaveAttribute("data-reason", "unpaired");
    await expect(wall.accessNote).toContainText("This display is not paired");
    await expect(wall.panels).toHaveCount(0);
    const refused = await page.request.get("/api/wall?cluster=demo");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ access: "unpaired" });

    // A wrong code pairs nothing and says so.
    await page.goto(`/wall/pair?code=${randomBytes(18).toString("base64url")}`);
    await expect(page).toHaveURL(/\/wall\?pairing=refused$/);
    await expect(page.getByTestId("wall-pairing-note")).toContainText("not accepted");

    // The one-time link: every address after it, and every page, is free of the key.
    const addresses: string[] = [];
    page.on("request", (request) => addresses.push(request.url()));
    const redirects: string[] = [];
    page.on("response", (response) => {
      const location = response.headers().location;
      if (location) redirects.push(location);
    });
    await page.goto(`/wall/pair?code=${encodeURIComponent(key)}`);
    await expect(page).toHaveURL(`${baseURL}/wall`);
    await expect(wall.stateWord).toHaveText(/^(OK|DEGRADED|CRITICAL|UNKNOWN)$/);
    await expect(wall.cluster).toHaveAttribute("data-link", "live");
    // The paired page polls the API with its cookie alone.
    await page.waitForResponse(
      (response) => response.url().includes("/api/wall?cluster=demo") && response.status() === 200,
    );
    expect(redirects).toEqual(["/wall"]);
    expect(addresses[0]).toContain("/wall/pair?code=");
    expect(addresses.slice(1).filter((url) => url.includes(key))).toEqual([]);
    expect(await page.content()).not.toContain(key);
    expect(await (await page.request.get("/wall")).text()).not.toContain(key);
    expect(await page.evaluate(() => document.cookie)).not.toContain("tb_display");
    const cookie = (await context.cookies()).find((c) => c.name === "tb_display");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.value).not.toContain(key);
  });

  test.describe("revocation", () => {
    let original: string;
    test.beforeEach(() => {
      original = readFileSync(configFile, "utf8");
    });
    test.afterEach(() => {
      writeConfig(original);
    });

    test("a revoked key stops the wall within one interval, and the wall says so", async ({
      page,
    }) => {
      const wall = new WallPage(page);
      // A key of this test's own, so the demo's key stays valid for every other test.
      const key = randomBytes(18).toString("base64url");
      const entry = {
        id: "e2e-revocable",
        keySha256: createHash("sha256").update(key).digest("hex"),
      };
      writeConfig(withDisplayKeys(original, (keys) => [...keys, entry]));
      // The running server reads the new key from its config file, without a restart.
      const paired = await page.request.get(`/wall/pair?code=${key}`, { maxRedirects: 0 });
      expect(paired.headers().location).toBe("/wall");
      await wall.open();
      await expect(wall.stateWord).toHaveText(/^(OK|DEGRADED|CRITICAL|UNKNOWN)$/);
      await expect(wall.cluster).toHaveAttribute("data-link", "live");

      writeConfig(withDisplayKeys(original, (keys) => [...keys, { ...entry, revoked: true }]));
      const revokedAt = Date.now();
      // Within one poll interval, with a second for the request and the render.
      await expect(wall.accessNote).toHaveAttribute("data-reason", "revoked", {
        timeout: wallPollMs + 1_000,
      });
      const tookMs = Date.now() - revokedAt;
      await expect(wall.accessNote).toContainText(/this display was revoked/i);
      await expect(wall.panels).toHaveCount(0);
      test.info().annotations.push({ type: "revoked after", description: `${tookMs} ms` });

      const answer = await page.request.get("/api/wall?cluster=demo");
      expect(answer.status()).toBe(401);
      expect(await answer.json()).toMatchObject({ access: "revoked" });
      await page.reload();
      await expect(wall.accessNote).toHaveAttribute("data-reason", "revoked");
      await wall.screenshot("wall-revoked");

      // The demo's own key still pairs other screens.
      await wall.pair();
      await expect(wall.panels).toHaveCount(1);
    });
  });
});
