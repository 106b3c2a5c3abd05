import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { appEndpoints } from "./app-endpoints";
import { DEMO_WORK_DIR, demoDisplayKey } from "./pages/wall-page";

const adminToken = () => readFileSync(`${DEMO_WORK_DIR}/admin-token`, "utf8").trim();

/** Every page under app/, so a page added later is checked too; the demo's status page is "demo". */
const pages = appEndpoints(() => "demo")
  .filter((e) => e.kind === "page")
  .map((e) => e.url);

test("every page renders under its Content-Security-Policy without a single violation", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  expect(pages).toEqual(expect.arrayContaining(["/", "/wall", "/status", "/admin/login"]));
  // Signed in as the admin and paired as a wall, so that every page renders all it has.
  const login = await page.request.post("/api/admin/login", { data: { token: adminToken() } });
  expect(login.ok()).toBe(true);
  await page.goto(`/wall/pair?code=${encodeURIComponent(demoDisplayKey())}`);

  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));

  for (const url of pages) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBeLessThan(400);
    const policy = (await response?.headerValue("content-security-policy")) ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, `${url} has a nonce in its policy`).toBeTruthy();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(await response?.headerValue("referrer-policy")).toBe("no-referrer");
    expect(await response?.headerValue("permissions-policy")).toContain("camera=()");
    // Next's own scripts carry this response's nonce; nothing else runs.
    await page.waitForLoadState("load");
    const scripts = await page
      .locator("script")
      .evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
    expect(scripts.length, url).toBeGreaterThan(0);
    expect(new Set(scripts), `${url}: every script has the nonce`).toEqual(new Set([nonce]));
    const violations = await page.evaluate(
      () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
    );
    expect(violations, url).toEqual([]);
  }
  expect(consoleErrors.filter((e) => /Content.Security.Policy|Refused to/i.test(e))).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test("a nonce is never reused between two responses", async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const response = await request.get("/status");
    const policy = response.headers()["content-security-policy"] ?? "";
    nonces.add(/'nonce-([^']+)'/.exec(policy)?.[1] ?? "");
  }
  expect(nonces.size).toBe(5);
});
