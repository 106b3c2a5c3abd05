import "server-only";
import { fetch as undiciFetch } from "undici";
import { readCapped } from "@/lib/http/read-capped";
import { classifyUpstreamError } from "@/lib/proxmox/errors";
import type { SourceFailure } from "@/lib/snapshot/types";
import { type AgentReport, validateReport } from "./schema";

const MAX_REPORT_BYTES = 8 * 1024 * 1024;

export type AgentPoll =
  | { ok: true; report: AgentReport; clockOffsetMs: number | null; atMs: number }
  | { ok: false; failure: SourceFailure };

export function agentUrl(
  template: string,
  node: { name: string; ip: string | null; nodeId: number | null },
): string | null {
  if (template.includes("{ip}") && node.ip === null) return null;
  if (template.includes("{nodeid}") && node.nodeId === null) return null;
  return template
    .replaceAll("{name}", encodeURIComponent(node.name))
    .replaceAll("{ip}", node.ip && node.ip.includes(":") ? `[${node.ip}]` : (node.ip ?? ""))
    .replaceAll("{nodeid}", String(node.nodeId ?? ""));
}

function closedBeforeAnswer(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return code === "UND_ERR_SOCKET" || code === "ECONNRESET";
}

/** Fetches one agent's report under a deadline and checks it against the report schema. */
export async function pollAgent(url: string, token: string, timeoutMs: number): Promise<AgentPoll> {
  const startedMs = Date.now();
  const at = new Date(startedMs);
  const target = new URL(url).host;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    const ask = () =>
      undiciFetch(new URL("/v1/report", url), {
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
        signal,
      });
    // A kept-alive connection the agent closed just as this request went out fails at once with
    // no answer; asking again on a fresh connection, within the same deadline, is safe for a GET.
    const response = await ask().catch((err: unknown) => {
      if (signal.aborted || !closedBeforeAnswer(err)) throw err;
      return ask();
    });
    const text = await readCapped(
      response.body as ReadableStream<Uint8Array> | null,
      MAX_REPORT_BYTES,
      "report",
    );
    const endedMs = Date.now();
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        failure: {
          kind: "auth",
          message: `agent at ${target} refused the token (${response.status})`,
          at: at.toISOString(),
        },
      };
    }
    if (response.status === 429) {
      const retry = response.headers.get("retry-after");
      return {
        ok: false,
        failure: {
          kind: "auth",
          message: `agent at ${target} holds off this server after repeated wrong tokens (429${retry ? `, retry after ${Number.parseInt(retry, 10) || 0} s` : ""})`,
          at: at.toISOString(),
        },
      };
    }
    if (response.status !== 200) {
      return {
        ok: false,
        failure: {
          kind: "http",
          message: `agent at ${target} answered ${response.status}`,
          at: at.toISOString(),
        },
      };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return {
        ok: false,
        failure: {
          kind: "garbage",
          message: `agent at ${target} answered with text that is not JSON`,
          at: at.toISOString(),
        },
      };
    }
    const checked = validateReport(raw);
    if (!checked.ok) {
      return {
        ok: false,
        failure: {
          kind: "garbage",
          message: `agent at ${target}: ${checked.message}`,
          at: at.toISOString(),
        },
      };
    }
    // Offset against our clock, read at the middle of the round trip.
    const clockOffsetMs =
      checked.report.clock.offsetMs ??
      Math.round(checked.report.clock.epochMs - (startedMs + endedMs) / 2);
    return { ok: true, report: checked.report, clockOffsetMs, atMs: endedMs };
  } catch (err) {
    const failure = classifyUpstreamError(err, `agent at ${target}`, at);
    return { ok: false, failure };
  }
}
