import { expect, test } from "@playwright/test";

test.describe("first paint without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the overview's HTML already holds the votes, the quorum and every finding's title", async ({
    page,
  }) => {
    const switched = await page.request.post("/api/demo", {
      data: { scenario: "two-node-no-qdevice" },
    });
    expect(switched.ok(), await switched.text()).toBe(true);
    // The collector has polled the new scenario once the API reports its two-node finding.
    let titles: string[] = [];
    await expect
      .poll(async () => {
        const response = await page.request.get("/api/cluster");
        if (response.status() !== 200) return [];
        const body = (await response.json()) as { findings: { rule: string; title: string }[] };
        titles = body.findings.map((f) => f.title);
        // Settled: the two-node finding is there and no source is still waiting for its first answer.
        const rules = body.findings.map((f) => f.rule);
        return rules.includes("quorum.two-node-no-qdevice") && !rules.includes("data.stale");
      })
      .toBe(true);

    await page.goto("/");
    await expect(page.getByTestId("pending")).toHaveCount(0);
    await expect(page.getByTestId("votes-expected")).toHaveText("2");
    await expect(page.getByTestId("votes-quorum")).toHaveText("2");
    await expect(page.getByTestId("quorate-badge")).toHaveAttribute("data-quorate", "true");
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) await expect(page.locator("body")).toContainText(title);
    await page.screenshot({
      path: "test-results/screenshots/first-paint-no-js.png",
      fullPage: true,
    });
  });
});
