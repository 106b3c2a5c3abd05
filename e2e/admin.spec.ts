import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

// The demo stack writes its admin token beside its config (see playwright.config.ts's --work-dir).
const port = Number(process.env.TB_E2E_PORT ?? 3100);
const adminToken = () => readFileSync(`.tiebreaker/e2e-${port}/admin-token`, "utf8").trim();

test.describe("admin sign-in", () => {
  test("a wrong token is refused; the right one gives an HttpOnly session and never a URL", async ({
    page,
    context,
  }) => {
    await page.goto("/admin/login");
    await page.getByLabel("Admin token").fill("not-the-admin-token-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toContainText("not an admin token or password");

    const token = adminToken();
    await page.getByLabel("Admin token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(page.url()).not.toContain(token);

    const session = (await context.cookies()).find((c) => c.name === "tb_admin");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(session?.value).not.toContain(token);

    await page.goto("/admin/login");
    await expect(page.getByTestId("login-session")).toContainText("Signed in as demo-admin");
    expect(await page.content()).not.toContain(token);
  });

  test("sign-in attempts are rate-limited per client", async ({ request }) => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await request.post("/api/admin/login", {
        data: { token: `wrong-${i}` },
        headers: { "x-forwarded-for": "203.0.113.9" },
      });
      statuses.push(response.status());
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
