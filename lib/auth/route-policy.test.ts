import { describe, expect, it } from "vitest";
import { decideAccess, routeAccess } from "./route-policy";

const admin = { role: "admin" } as const;
const viewer = { role: "viewer" } as const;
const ask = (
  method: string,
  pathname: string,
  identity: { role: "admin" | "viewer" } | null,
  extra: { sameOrigin?: boolean; hasDisplayCookie?: boolean } = {},
) =>
  decideAccess(
    { method, pathname, sameOrigin: extra.sameOrigin ?? true, hasDisplayCookie: false, ...extra },
    identity,
  );

describe("route access", () => {
  it.each([
    ["/status", "public"],
    ["/status/prod", "public"],
    ["/status/feed.atom", "public"],
    ["/api/v2/summary.json", "public"],
    ["/api/health", "public"],
    ["/admin/login", "sign-in"],
    ["/api/admin/login", "sign-in"],
    ["/wall", "display"],
    ["/wall/pair", "display"],
    ["/api/wall", "display"],
    ["/api/events", "events"],
    ["/metrics", "metrics"],
    ["/api/demo", "demo"],
    ["/", "viewer"],
    ["/fleet", "viewer"],
    ["/setup/qdevice", "viewer"],
    ["/upgrade", "viewer"],
    ["/api/cluster", "viewer"],
    ["/admin/status", "viewer"],
    ["/api/admin/status/incidents", "viewer"],
    ["/statusx", "viewer"],
    ["/wallpaper", "viewer"],
    ["/some/route/added/later", "viewer"],
  ])("%s is %s", (path, access) => {
    expect(routeAccess(path)).toBe(access);
  });
});

describe("access decisions", () => {
  it("an anonymous visitor reads only the public, sign-in, wall and metrics routes", () => {
    for (const path of ["/status", "/api/v2/status.json", "/admin/login", "/wall", "/metrics"])
      expect(ask("GET", path, null)).toEqual({ ok: true });
    for (const path of ["/", "/fleet", "/api/cluster", "/api/findings", "/api/events"])
      expect(ask("GET", path, null)).toMatchObject({ ok: false, status: 401, signIn: true });
  });

  it("the change stream takes a display cookie instead of a sign-in (the route checks it)", () => {
    expect(ask("GET", "/api/events", null, { hasDisplayCookie: true })).toEqual({ ok: true });
  });

  it("a viewer reads everything and changes nothing but the demo's scenario", () => {
    expect(ask("GET", "/api/cluster", viewer)).toEqual({ ok: true });
    expect(ask("POST", "/api/setup/qdevice/progress", viewer)).toMatchObject({ status: 403 });
    expect(ask("POST", "/api/admin/status/incidents", viewer)).toMatchObject({ status: 403 });
    expect(ask("POST", "/api/demo", viewer)).toEqual({ ok: true });
  });

  it("open mode's anonymous reader is asked to sign in before a change", () => {
    const anonymous = { role: "viewer", via: "open" } as const;
    expect(ask("GET", "/api/cluster", anonymous)).toEqual({ ok: true });
    expect(ask("POST", "/api/demo", anonymous)).toEqual({ ok: true });
    expect(ask("POST", "/api/setup/qdevice/reachability", anonymous)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("an admin changes things from this site's own pages only", () => {
    expect(ask("POST", "/api/admin/status/incidents", admin)).toEqual({ ok: true });
    expect(ask("POST", "/api/admin/status/incidents", admin, { sameOrigin: false })).toMatchObject({
      ok: false,
      status: 403,
      error: "cross-site request refused",
    });
  });

  it("a cross-site write is refused on every route, the sign-in and the demo included", () => {
    for (const path of ["/api/admin/login", "/api/admin/logout", "/api/demo", "/status", "/x"])
      expect(ask("POST", path, admin, { sameOrigin: false })).toMatchObject({ status: 403 });
  });

  it("an anonymous write outside the sign-in needs a sign-in", () => {
    expect(ask("POST", "/api/admin/login", null)).toEqual({ ok: true });
    expect(ask("POST", "/api/demo", null)).toMatchObject({ status: 401 });
    expect(ask("DELETE", "/status", null)).toMatchObject({ status: 401 });
    expect(ask("PUT", "/api/wall", null)).toMatchObject({ status: 401 });
  });
});
