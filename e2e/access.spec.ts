import { expect, test } from "@playwright/test";
import { AccessStack } from "./access-stack";
import { appEndpoints } from "./app-endpoints";

/**
 * Who may reach each route, written out here on purpose rather than read from the code: a route
 * added under app/ without a line here fails the first test, and a rule changed in the code
 * without changing it here fails the rest.
 */
type Rule = "public" | "sign-in" | "display" | "events" | "metrics" | "demo" | "viewer";
const RULES: Record<string, Rule> = {
  "page /": "viewer",
  "page /fleet": "viewer",
  "page /setup/qdevice": "viewer",
  "page /upgrade": "viewer",
  "page /admin/login": "sign-in",
  "page /admin/status": "viewer",
  "page /settings": "viewer",
  "page /status": "public",
  "page /status/[page]": "public",
  "page /wall": "display",
  "route /api/admin/login": "sign-in",
  "route /api/admin/logout": "sign-in",
  "route /api/admin/status/incidents": "viewer",
  "route /api/admin/status/incidents/[id]": "viewer",
  "route /api/admin/status/incidents/[id]/updates": "viewer",
  "route /api/admin/status/maintenance": "viewer",
  "route /api/admin/status/maintenance/[id]/cancel": "viewer",
  "route /api/cluster": "viewer",
  "route /api/cluster/timeline": "viewer",
  "route /api/clusters": "viewer",
  "route /api/demo": "demo",
  "route /api/demo/memory": "viewer",
  "route /api/events": "events",
  "route /api/findings": "viewer",
  "route /api/fleet": "viewer",
  "route /api/health": "public",
  "route /api/setup/qdevice": "viewer",
  "route /api/setup/qdevice/progress": "viewer",
  "route /api/setup/qdevice/reachability": "viewer",
  "route /api/v2/status.json": "public",
  "route /api/v2/summary.json": "public",
  "route /api/wall": "display",
  "route /metrics": "metrics",
  "route /status/badge.svg": "public",
  "route /status/feed.atom": "public",
  "route /wall/pair": "display",
};

/** Every page and route, with a sample value for each [segment]. */
const endpoints = () => appEndpoints((segment) => (segment === "page" ? "main" : "1"));

const stack = new AccessStack();
let adminCookie: string;
let viewerCookie: string;
const crossSite = { "sec-fetch-site": "cross-site", origin: "https://evil.example" };
const sameSite = { "sec-fetch-site": "same-origin" };
const jsonBody = { "content-type": "application/json" };

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await stack.start();
  adminCookie = await stack.signIn(stack.adminToken);
  viewerCookie = await stack.signIn(stack.viewerToken);
});

test.afterAll(async () => {
  expect(await stack.stop(), "processes left behind").toEqual([]);
});

test("every page and route under app/ has an access rule in this test", () => {
  const missing = endpoints()
    .map((e) => e.key)
    .filter((key) => !(key in RULES));
  expect(missing, "add these to RULES with who may reach them").toEqual([]);
});

test("an anonymous visitor reads only the public routes; every other page sends them to sign in", async () => {
  for (const endpoint of endpoints()) {
    if (!endpoint.methods.includes("GET")) continue;
    const rule = RULES[endpoint.key]!;
    const answer = await stack.call("GET", endpoint.url);
    const what = `${endpoint.key}: ${answer.status} ${answer.body.slice(0, 120)}`;
    const location = String(answer.headers.location ?? "");
    if (rule === "viewer" || rule === "demo" || rule === "events") {
      if (endpoint.kind === "page") {
        expect(answer.status, what).toBe(303);
        const target = new URL(location, "http://127.0.0.1");
        expect(`${target.pathname}${target.search}`, what).toBe(
          `/admin/login?next=${encodeURIComponent(endpoint.url)}`,
        );
      } else {
        expect(answer.status, what).toBe(401);
      }
    } else if (rule === "metrics") {
      // Its own bearer token, which this config sets.
      expect(answer.status, what).toBe(401);
    } else {
      // Public, sign-in and display routes answer for themselves; none sends to the sign-in.
      expect(location, what).not.toContain("/admin/login");
      if (rule !== "display") expect([401, 403], what).not.toContain(answer.status);
    }
    // Whatever the answer, nobody anonymous sees a node of the cluster outside the public pages.
    if (rule !== "public") expect(answer.body, what).not.toMatch(/pve[123]/);
  }
});

test("every write is refused when it comes from another site, even with an admin's session", async () => {
  for (const endpoint of endpoints()) {
    for (const method of endpoint.methods.filter((m) => m !== "GET")) {
      const answer = await stack.call(method, endpoint.url, {
        headers: { ...crossSite, ...jsonBody, cookie: adminCookie },
        body: "{}",
      });
      expect(answer.status, `${method} ${endpoint.key}`).toBe(403);
      expect(answer.body).toContain("cross-site request refused");
    }
  }
});

test("every write but the sign-in needs a session, and a viewer's session changes nothing", async () => {
  for (const endpoint of endpoints()) {
    const rule = RULES[endpoint.key]!;
    if (rule === "sign-in") continue;
    for (const method of endpoint.methods.filter((m) => m !== "GET")) {
      const anonymous = await stack.call(method, endpoint.url, {
        headers: { ...sameSite, ...jsonBody },
        body: "{}",
      });
      expect(anonymous.status, `anonymous ${method} ${endpoint.key}`).toBe(401);
      if (rule === "demo") continue;
      const viewer = await stack.call(method, endpoint.url, {
        headers: { ...sameSite, ...jsonBody, cookie: viewerCookie },
        body: "{}",
      });
      expect(viewer.status, `viewer ${method} ${endpoint.key}`).toBe(403);
    }
  }
});

test("a signed-in viewer reads the overview and its data", async () => {
  const page = await stack.call("GET", "/", { headers: { cookie: viewerCookie } });
  expect(page.status).toBe(200);
  const data = await stack.call("GET", "/api/cluster", { headers: { cookie: viewerCookie } });
  expect([200, 202]).toContain(data.status);
  const admin = await stack.call("GET", "/api/findings", { headers: { cookie: adminCookie } });
  expect([200, 202]).toContain(admin.status);
});

test("the server listens on loopback only unless the config says otherwise", async () => {
  // Bound to 127.0.0.1, it cannot be reached at 127.0.0.2, which it would on 0.0.0.0.
  await expect(stack.call("GET", "/api/health", { host: "127.0.0.2" })).rejects.toThrow(
    /ECONNREFUSED/,
  );
  expect((await stack.call("GET", "/api/health")).status).toBe(200);
});

test("a Host header that does not name this server is refused", async () => {
  for (const host of ["evil.example", "evil.example:3000", "10.0.0.5"]) {
    const answer = await stack.call("GET", "/status", { headers: { host } });
    expect(answer.status, host).toBe(421);
  }
  for (const host of ["dash.example", `localhost:${stack.port}`, `127.0.0.1:${stack.port}`])
    expect((await stack.call("GET", "/status", { headers: { host } })).status, host).toBe(200);
});

test("a trusted reverse proxy's user header signs in; from any other address it is ignored", async () => {
  const asCarol = { "x-forwarded-user": "carol" };
  const trusted = await stack.call("GET", "/api/cluster", { headers: asCarol });
  expect([200, 202]).toContain(trusted.status);
  const write = await stack.call("POST", "/api/setup/qdevice/progress", {
    headers: { ...asCarol, ...sameSite, ...jsonBody },
    body: JSON.stringify({ cluster: "demo", action: "finish" }),
  });
  expect(write.status, "a proxy user not in adminUsers is a viewer").toBe(403);
  const spoofed = await stack.call("GET", "/api/cluster", {
    headers: { ...asCarol, "x-forwarded-for": "127.0.0.1", "x-tiebreaker-peer": "127.0.0.1" },
    localAddress: "127.0.0.2",
  });
  expect(spoofed.status).toBe(401);
});

test("sign-in attempts are limited per TCP peer; a forged X-Forwarded-For does not reset the count", async () => {
  const attempt = (localAddress: string, forwardedFor: string) =>
    stack.call("POST", "/api/admin/login", {
      headers: { ...sameSite, ...jsonBody, "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ token: "wrong-token-0123456789" }),
      localAddress,
    });
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++)
    statuses.push((await attempt("127.0.0.2", `198.51.100.${i}`)).status);
  expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  expect((await attempt("127.0.0.3", "198.51.100.0")).status, "another peer").toBe(401);
  // From the trusted proxy (127.0.0.1), the hop it appended names the client.
  expect((await attempt("127.0.0.1", "10.0.0.1, 203.0.113.50")).status, "behind the proxy").toBe(
    401,
  );
});

test("an error never echoes a long input back", async () => {
  const signedIn = { headers: { cookie: adminCookie } };
  const long = "x".repeat(10_000);
  const id = "y".repeat(100);
  for (const base of ["/api/cluster", "/api/findings", "/", "/wall", "/setup/qdevice"]) {
    const tooLong = await stack.call("GET", `${base}?cluster=${long}`, signedIn);
    expect(tooLong.status, base).toBe(414);
    expect(tooLong.body.length, base).toBeLessThan(200);
    const notAnId = await stack.call("GET", `${base}?cluster=${id}`, signedIn);
    expect(notAnId.status, base).toBe(400);
    expect(notAnId.body, base).not.toContain("yyyyyyyyyy");
  }
  const unknown = await stack.call("GET", "/api/cluster?cluster=nope-nope", signedIn);
  expect(unknown.status).toBe(404);
  expect(JSON.parse(unknown.body)).toEqual({ error: 'no cluster "nope-nope"; configured: demo' });
  const path = await stack.call("GET", `/${"p".repeat(10_000)}`, signedIn);
  expect(path.status).toBe(414);
  expect(path.body.length).toBeLessThan(200);
  // The sign-in page keeps only a short path of this site as where to go next.
  const next = await stack.call("GET", `/admin/login?next=//evil.example/${"z".repeat(100)}`);
  expect(next.status).toBe(200);
  expect(next.body).toContain('name="next" value="/"');
});

/** Reads an event stream until its first `view` event; the status and that event's data. */
async function firstView(path: string, cookie: string): Promise<{ status: number; data: string }> {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${stack.port}${path}`, {
    headers: { cookie },
    signal: controller.signal,
  });
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    return { status: response.status, data: await response.text() };
  }
  const reader = response.body!.getReader();
  let text = "";
  while (!/event: view\ndata: .*\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  controller.abort();
  return { status: response.status, data: /event: view\ndata: (.*)\n\n/.exec(text)?.[1] ?? "" };
}

test("the overview's event stream carries cluster data to readers only, never on a display cookie alone", async () => {
  const stranger = await firstView("/api/events?model=overview", "tb_display=forged");
  expect(stranger.status).toBe(401);
  expect(stranger.data).not.toMatch(/pve[123]/);
  // The bare signal with a display cookie is the wall's: it needs a real pairing.
  const unpaired = await firstView("/api/events", "tb_display=forged");
  expect(unpaired.status).toBe(401);
  expect(unpaired.data).toContain("not paired");
  const viewer = await firstView("/api/events?model=overview", viewerCookie);
  expect(viewer.status).toBe(200);
  const model = JSON.parse(viewer.data) as { clusterId: string; nodes: { name: string }[] };
  expect(model.clusterId).toBe("demo");
  expect(model.nodes.map((n) => n.name)).toEqual(["pve1", "pve2", "pve3"]);
  const odd = await firstView("/api/events?model=everything", viewerCookie);
  expect(odd.status).toBe(400);
});

test.describe("the demo stays open to read, and closed to other sites", () => {
  test("a cross-site text/plain POST cannot switch the demo's scenario", async ({ request }) => {
    const before = (await (await request.get("/api/demo")).json()) as { current: string };
    const answer = await request.post("/api/demo", {
      headers: { "content-type": "text/plain", ...crossSite },
      data: JSON.stringify({ scenario: "drbd9-split-brain" }),
    });
    expect(answer.status()).toBe(403);
    const after = (await (await request.get("/api/demo")).json()) as { current: string };
    expect(after.current).toBe(before.current);
    expect((await request.get("/api/cluster")).status()).toBeLessThan(300);
  });
});
