import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The screens an admin opens the dashboard on: a phone, a tablet, a laptop, a desktop. */
export const VIEWPORTS = [
  { name: "390x844", width: 390, height: 844 },
  { name: "768x1024", width: 768, height: 1024 },
  { name: "1280x800", width: 1280, height: 800 },
  { name: "1920x1080", width: 1920, height: 1080 },
] as const;

/** Every page an admin, an operator or a manager opens; the fleet page once it exists. */
export function pagePaths(): string[] {
  return [
    "/",
    ...(existsSync("app/(dashboard)/fleet") ? ["/fleet"] : []),
    "/setup/qdevice",
    "/status",
    "/wall",
  ];
}

/**
 * Asserts that nothing is wider than the viewport: the document does not scroll sideways, and no
 * element reaches past the right edge unless an ancestor clips it (a truncated label, the wall).
 */
export async function expectFits(page: Page, label: string): Promise<void> {
  const report = await page.evaluate(() => {
    const width = window.innerWidth;
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === "hidden" || overflow === "clip") return true;
      }
      return false;
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").slice(0, 3).join(".")}` : ""}`;
    const wide: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 0.5 && !clipped(el))
        wide.push(`${name(el)} right=${Math.round(r.right)}`);
    }
    return { scrollWidth: document.scrollingElement!.scrollWidth, width, wide: wide.slice(0, 8) };
  });
  expect(report.wide, `${label}: elements past the right edge`).toEqual([]);
  expect(report.scrollWidth, `${label}: document width`).toBeLessThanOrEqual(report.width);
}

/** Runs axe on the page as shown; serious and critical violations fail, with what and where. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
  expect(bad, `${label}: axe serious or critical violations`).toEqual([]);
}

/** Opens what was seen and what to do of every finding, as an admin working through them would. */
export async function openAllFindings(page: Page): Promise<void> {
  const closed = page.locator('[data-testid="finding-section"]:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
}
