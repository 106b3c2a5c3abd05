import "server-only";
import type { OutgoingRequest } from "./message";

export type SendResult = { ok: true } | { ok: false; error: string };

/**
 * POSTs one request and waits at most `timeoutMs` for the answer. The error says what happened
 * (status, timeout, refused) and never repeats the URL or headers, which may hold a secret.
 */
export async function send(request: OutgoingRequest, timeoutMs: number): Promise<SendResult> {
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      // A redirect would carry the token elsewhere; receivers are configured with their final URL.
      redirect: "error",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.ok) return { ok: true };
    return { ok: false, error: `HTTP ${response.status}${statusText(response.statusText)}` };
  } catch (err) {
    return { ok: false, error: describe(err, timeoutMs) };
  }
}

function statusText(text: string): string {
  return text ? ` ${text.slice(0, 60)}` : "";
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError"))
    return `no answer within ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === "string") return `cannot connect (${cause.code})`;
  return "request failed";
}
