import { expect, type Page, test } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { expectAccessible, openAllFindings, pagePaths } from "./pages/page-checks";
import { WallPage } from "./pages/wall-page";

const MAIN: Record<string, string> = {
  "/": "overview",
  "/setup/qdevice": "qdevice-wizard",
  "/status": "status-word",
  "/wall": "wall-panel",
};

async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  const main = MAIN[path];
  if (main) await expect(page.getByTestId(main).first()).toBeVisible();
  else await expect(page.locator("h1").first()).toBeVisible();
}

test.describe("accessible in both themes", () => {
  // axe reads the whole page; on a loaded two-core machine that alone can take half a minute.
  test.describe.configure({ timeout: 180_000 });
  test.beforeEach(async ({ page }) => {
    await new WallPage(page).pair();
  });

  for (const theme of ["light", "dark"] as const) {
    for (const path of pagePaths()) {
      test(`${path} in the ${theme} theme has no serious or critical axe violation`, async ({
        page,
        baseURL,
      }) => {
        await new DashboardPage(page).useScenario("drbd9-split-brain");
        await page.context().addCookies([{ name: "tb-theme", value: theme, url: baseURL! }]);
        await open(page, path);
        if (path !== "/wall")
          await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        await expectAccessible(page, `${path} (${theme})`);
      });
    }
  }

  test("the overview with every finding and a change opened has no serious or critical violation", async ({
    page,
  }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.useScenario("two-node-qdevice-qnetd-down");
    await openAllFindings(page);
    const change = page.getByTestId("timeline-change").last();
    await change.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(change.getByTestId("timeline-change-panel")).toBeVisible();
    await expectAccessible(page, "overview, findings and a change open");
  });
});

test.describe("theme", () => {
  test("follows the system until a choice is made, then remembers it across reloads", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
    const scheme = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
    expect(await scheme()).toBe("dark");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await scheme()).toBe("light");

    await page.getByTestId("theme-switch").getByText("Dark").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await scheme()).toBe("dark");
    expect(await page.evaluate(() => localStorage.getItem("tb-theme"))).toBe("dark");

    // The server renders the remembered choice into the first HTML: no flash of the light theme.
    const html = await (await page.request.get("/")).text();
    expect(html).toMatch(/<html[^>]*data-theme="dark"/);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByTestId("theme-dark")).toBeChecked();

    // A cleared cookie is restored from localStorage.
    await page.context().clearCookies({ name: "tb-theme" });
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect((await page.context().cookies()).find((c) => c.name === "tb-theme")?.value).toBe("dark");
  });

  test("the wall stays dark whatever the theme", async ({ page, baseURL }) => {
    await new WallPage(page).pair();
    await page.emulateMedia({ colorScheme: "light" });
    await page.context().addCookies([{ name: "tb-theme", value: "light", url: baseURL! }]);
    await page.goto("/wall");
    const main = page.locator("main");
    await expect(main).toHaveCSS("background-color", "rgb(11, 15, 23)");
  });
});

test.describe("keyboard", () => {
  test("focus is visible and follows the reading order of the overview", async ({ page }) => {
    await new DashboardPage(page).useScenario("two-node-no-qdevice");
    expect(
      await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(),
      "no positive tabindex reorders the page",
    ).toBe(0);
    const stops: { name: string; outline: string; top: number }[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          // A radio hidden for its label shows its ring on the label.
          const shown = el.matches("input.sr-only") ? getComputedStyle(el.parentElement!) : style;
          return {
            name: (el.textContent || el.getAttribute("aria-label") || el.tagName)
              .trim()
              .slice(0, 40),
            outline: `${shown.outlineStyle} ${shown.outlineWidth}`,
            top: el.getBoundingClientRect().top + window.scrollY,
          };
        }),
      );
    }
    expect(stops[0]!.name).toBe("Tiebreaker");
    for (const stop of stops) expect(stop.outline, stop.name).toBe("solid 2px");
    // Top to bottom: no stop jumps back above the row before it (a row's controls share a line).
    for (let i = 1; i < stops.length; i++)
      expect(stops[i]!.top, `${stops[i]!.name} after ${stops[i - 1]!.name}`).toBeGreaterThanOrEqual(
        stops[i - 1]!.top - 24,
      );
  });
});
