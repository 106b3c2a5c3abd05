import "server-only";
import { fetch as undiciFetch } from "undici";

/** Backoff after a stream fails, and the long wait for an agent that has no event stream. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const NO_STREAM_RETRY_MS = 5 * 60_000;
const MAX_LINE = 64 * 1024;

/** Waits `ms` or until `signal` aborts; the listener goes either way, so a long-lived signal collects none. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** What changed, as the agent names it: knet (a link), quorum (membership or votes). */
export type ChangedProbe = "knet" | "quorum";

function probesOf(block: string): ChangedProbe[] {
  const data = /^data: (.*)$/m.exec(block)?.[1];
  if (!data) return [];
  try {
    const parsed = JSON.parse(data) as { probes?: unknown };
    return Array.isArray(parsed.probes)
      ? parsed.probes.filter((p): p is ChangedProbe => p === "knet" || p === "quorum")
      : [];
  } catch {
    return [];
  }
}

/**
 * Follows one agent's GET /v1/events and calls `onChange` for each change it announces, until
 * `signal` aborts. A broken stream is reopened with backoff; an agent without the stream (older
 * versions answer 404) is asked again only every few minutes, and polling carries on meanwhile.
 */
export async function followAgentEvents(
  url: string,
  token: string,
  onChange: (probes: ChangedProbe[]) => void,
  signal: AbortSignal,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    let opened = false;
    // One controller per attempt, tied to the long-lived signal only while the attempt runs.
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    signal.addEventListener("abort", stop, { once: true });
    try {
      const response = await undiciFetch(new URL("/v1/events", url), {
        headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" },
        signal: attempt.signal,
      });
      if (response.status === 404) {
        await response.body?.cancel();
        await wait(NO_STREAM_RETRY_MS, signal);
        continue;
      }
      if (response.status !== 200 || !response.body) {
        await response.body?.cancel();
        throw new Error(`agent events answered ${response.status}`);
      }
      opened = true;
      failures = 0;
      // Changes made while the stream was closed sent no event: look once now.
      onChange([]);
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: change$/m.test(block)) onChange(probesOf(block));
        }
        if (buffer.length > MAX_LINE) buffer = "";
      }
    } catch {
      // Aborted, refused, reset: handled by the backoff below.
    } finally {
      signal.removeEventListener("abort", stop);
      attempt.abort();
    }
    if (signal.aborted) return;
    if (!opened) failures++;
    await wait(RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]!, signal);
  }
}
