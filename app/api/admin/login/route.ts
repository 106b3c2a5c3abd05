import { getRegistry } from "@/lib/collector/registry";
import { ADMIN_COOKIE, adminForToken, issueSession, SESSION_MS } from "@/lib/auth/session";
import { clientKey, forwardingProxies } from "@/lib/auth/client-key";
import { Throttle } from "@/lib/auth/throttle";

// Ten guesses a minute per client make a 16-character token unguessable in practice.
const attempts = new Throttle(10, 60_000);

function safeNext(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//")
    ? value
    : "/";
}

function isSecure(request: Request): boolean {
  return (
    new URL(request.url).protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https"
  );
}

async function readForm(
  request: Request,
): Promise<{ token: unknown; next: unknown; form: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body = (await request.json().catch(() => ({}))) as { token?: unknown; next?: unknown };
    return { token: body.token, next: body.next, form: false };
  }
  const data = await request.formData().catch(() => null);
  return { token: data?.get("token"), next: data?.get("next"), form: true };
}

/** Exchanges an admin token for an HttpOnly session cookie; the token is never stored or echoed. */
export async function POST(request: Request) {
  const now = Date.now();
  const key = clientKey(request, forwardingProxies(getRegistry().config.access));
  if (!attempts.allow(key, now)) {
    const seconds = Math.ceil(attempts.retryAfterMs(key, now) / 1000);
    return Response.json(
      { error: `too many sign-in attempts; try again in ${seconds} s` },
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }
  const { token, next, form } = await readForm(request);
  const { config } = getRegistry();
  const admin =
    typeof token === "string" && token !== "" ? await adminForToken(token, config.admins) : null;
  const target = safeNext(next);
  if (!admin) {
    if (!form) return Response.json({ error: "unknown admin token" }, { status: 401 });
    const back = `/admin/login?error=1&next=${encodeURIComponent(target)}`;
    return new Response(null, { status: 303, headers: { Location: back } });
  }
  const cookie = [
    `${ADMIN_COOKIE}=${issueSession(admin.name, now, config.sessionSecret)}`,
    "HttpOnly",
    "SameSite=Strict",
    "Path=/",
    `Max-Age=${SESSION_MS / 1000}`,
    ...(isSecure(request) ? ["Secure"] : []),
  ].join("; ");
  const headers = new Headers({ "Set-Cookie": cookie, "Cache-Control": "no-store" });
  if (!form) return Response.json({ ok: true, name: admin.name }, { headers });
  headers.set("Location", target);
  return new Response(null, { status: 303, headers });
}
