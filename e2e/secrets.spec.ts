import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { projectDir } from "@/demo/test-helpers";
import { appEndpoints } from "./app-endpoints";
import { DEMO_WORK_DIR } from "./pages/wall-page";

/** Every secret the demo configured: API token, agent token, admin token, display key, session key. */
function secrets(): Record<string, string> {
  const read = (file: string) => readFileSync(path.join(DEMO_WORK_DIR, file), "utf8").trim();
  const found = {
    "Proxmox token secret": read("pve-token"),
    "agent token": read("agent-token"),
    "admin token": read("admin-token"),
    "display key": read("display-key"),
    "session secret": read("session-secret"),
  };
  for (const [name, value] of Object.entries(found))
    expect(value.length, `${name} is long enough to search for`).toBeGreaterThanOrEqual(16);
  return found;
}

/** The names of the secrets that appear in `text`. */
function leaked(text: string, all: Record<string, string>): string[] {
  return Object.entries(all)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

test("no secret is in any file the build sends to browsers", () => {
  const all = secrets();
  const files = [
    ...filesUnder(path.join(projectDir, ".next/static")),
    // Prerendered pages and their payloads, if the build kept any.
    ...filesUnder(path.join(projectDir, ".next/server/app")).filter((f) =>
      /\.(html|rsc|body|meta|json)$/.test(f),
    ),
  ];
  expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(0);
  for (const file of files)
    expect(leaked(readFileSync(file, "latin1"), all), path.relative(projectDir, file)).toEqual([]);
});

test("no secret is in any page, JSON answer, event stream or status feed, even for a signed-in admin", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const all = secrets();
  const login = await page.request.post("/api/admin/login", {
    data: { token: all["admin token"] },
  });
  expect(login.ok()).toBe(true);
  await page.goto(`/wall/pair?code=${encodeURIComponent(all["display key"]!)}`);

  const seen: string[] = [];
  for (const endpoint of appEndpoints(() => "demo")) {
    if (!endpoint.methods.includes("GET") || endpoint.url === "/api/events") continue;
    if (endpoint.kind === "page") {
      await page.goto(endpoint.url);
      expect(leaked(await page.content(), all), endpoint.url).toEqual([]);
    }
    const response = await page.request.get(endpoint.url);
    expect(leaked(await response.text(), all), endpoint.url).toEqual([]);
    seen.push(endpoint.url);
  }
  expect(seen).toEqual(
    expect.arrayContaining([
      "/api/cluster",
      "/api/findings",
      "/api/wall",
      "/api/v2/summary.json",
      "/status/feed.atom",
      "/status/badge.svg",
      "/metrics",
    ]),
  );

  // The event streams, the wall's signal and the overview's whole answer, each read until its
  // first complete view event.
  for (const url of ["/api/events?cluster=demo", "/api/events?cluster=demo&model=overview"]) {
    const stream = await page.evaluate(async (address) => {
      const controller = new AbortController();
      const response = await fetch(address, { signal: controller.signal });
      const reader = response.body!.getReader();
      let text = "";
      while (!/event: view\ndata: [^\n]*\n\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      controller.abort();
      return text;
    }, url);
    expect(stream, url).toContain("event: view");
    expect(leaked(stream, all), url).toEqual([]);
  }
});
