import "server-only";
import { cookies, headers } from "next/headers";
import { getRegistry } from "@/lib/collector/registry";
import { jsonNoStore } from "@/lib/collector/respond";
import { currentDisplayKeys } from "./display-keys";
import {
  DISPLAY_COOKIE,
  decideWallAccess,
  displayCookieHeader,
  issueDisplayCookie,
  needsRenewal,
  type WallAccess,
} from "./display";
import { proxyIdentity } from "./identity";
import { peerAddress } from "./peer-address";
import { ADMIN_COOKIE } from "./session";
import { excerpt } from "@/lib/http/excerpt";

export type { WallAccess } from "./display";

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

function decide(
  incoming: Headers,
  admin: string | undefined,
  display: string | undefined,
  nowMs: number,
): WallAccess {
  const { config } = getRegistry();
  const proxied = proxyIdentity(incoming, peerAddress(incoming), config.access);
  if (proxied) return { kind: "admin", name: proxied.name, clusters: proxied.clusters };
  return decideWallAccess(
    { admin, display },
    {
      admins: config.admins,
      displayKeys: currentDisplayKeys(),
      sessionSecret: config.sessionSecret,
      mode: config.access.mode,
    },
    nowMs,
  );
}

/** For route handlers: who is asking for wall data. */
export function wallAccessOf(request: Request, nowMs = Date.now()): WallAccess {
  const header = request.headers.get("cookie");
  return decide(
    request.headers,
    cookieValue(header, ADMIN_COOKIE),
    cookieValue(header, DISPLAY_COOKIE),
    nowMs,
  );
}

/** For the wall page's server render. */
export async function wallAccessForPage(nowMs = Date.now()): Promise<WallAccess> {
  const jar = await cookies();
  return decide(
    await headers(),
    jar.get(ADMIN_COOKIE)?.value,
    jar.get(DISPLAY_COOKIE)?.value,
    nowMs,
  );
}

/** Whether the request carries a display cookie at all (valid or not). */
export function hasDisplayCookie(request: Request): boolean {
  return cookieValue(request.headers.get("cookie"), DISPLAY_COOKIE) !== undefined;
}

/** The answer to a wall that may not see data; the wall shows the reason in words. */
export function wallDenied(reason: "unpaired" | "revoked"): Response {
  return jsonNoStore(
    {
      error:
        reason === "revoked"
          ? "this display was revoked"
          : "this display is not paired: open its pairing link, or sign in as an admin",
      access: reason,
    },
    401,
  );
}

export function wallForbidden(clusterId: string): Response {
  return jsonNoStore(
    { error: `this display may not show cluster ${excerpt(clusterId)}`, access: "forbidden" },
    403,
  );
}

function isSecure(request: Request): boolean {
  return (
    new URL(request.url).protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https"
  );
}

/** Renews a display's pairing on an answer once half of it has run out. */
export function withRenewedPairing(
  response: Response,
  request: Request,
  access: WallAccess,
  nowMs = Date.now(),
): Response {
  if (access.kind !== "display" || !needsRenewal(access, nowMs)) return response;
  const key = currentDisplayKeys().find((k) => k.id === access.keyId);
  if (!key) return response;
  const { config } = getRegistry();
  response.headers.append(
    "Set-Cookie",
    displayCookieHeader(issueDisplayCookie(key, nowMs, config.sessionSecret), isSecure(request)),
  );
  return response;
}
