import type { FailureKind, SourceFailure } from "@/lib/snapshot/types";

/** Raised by our own deadline around a call; proxmox-api's own timeout covers only headers. */
export class DeadlineError extends Error {
  override name = "DeadlineError";
}

/** Raised when the peer certificate does not match the pinned fingerprint. */
export class FingerprintMismatchError extends Error {
  override name = "FingerprintMismatchError";
  readonly code = "TB_FINGERPRINT_MISMATCH";
}

const TLS_CODES = new Set([
  "TB_FINGERPRINT_MISMATCH",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "EPROTO",
]);
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "EPIPE",
]);
const TIMEOUT_CODES = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
  "ABORT_ERR",
]);

function chain(err: unknown): { codes: string[]; messages: string[]; names: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const names: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current; depth++) {
    if (typeof current === "object") {
      const e = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
      if (typeof e.code === "string") codes.push(e.code);
      if (typeof e.message === "string") messages.push(e.message);
      if (typeof e.name === "string") names.push(e.name);
      current = e.cause;
    } else {
      messages.push(typeof current === "string" ? current : "unknown error");
      break;
    }
  }
  return { codes, messages, names };
}

function kindOf(err: unknown): FailureKind {
  const { codes, messages, names } = chain(err);
  if (names.includes("DeadlineError")) return "timeout";
  if (codes.some((c) => TLS_CODES.has(c) || c.startsWith("ERR_SSL") || c.startsWith("CERT_")))
    return "tls";
  const text = messages.join(" | ");
  // proxmox-api reports HTTP statuses only in its message text.
  if (/\b401\b/.test(text) && /return Error 401|login failed with 401/.test(text)) return "auth";
  if (/\bfailed with 403\b|return Error 403/.test(text)) return "permission";
  if (
    codes.some((c) => TIMEOUT_CODES.has(c)) ||
    names.includes("AbortError") ||
    names.includes("TimeoutError")
  )
    return "timeout";
  if (codes.some((c) => NETWORK_CODES.has(c))) return "network";
  if (/unexpected contentType|not valid JSON|Failed to parse response json/i.test(text))
    return "garbage";
  if (/return Error \d{3}|failed with \d{3}/.test(text)) return "http";
  if (/certificate|self[- ]signed|fingerprint/i.test(text)) return "tls";
  return "network";
}

const UNKNOWN_CA = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
]);

/** Which TLS check refused the peer, in words an admin can act on. */
function tlsReason(codes: string[], deepest: string): string {
  if (codes.includes("TB_FINGERPRINT_MISMATCH")) return `wrong fingerprint: ${deepest}`;
  if (codes.includes("CERT_HAS_EXPIRED")) return "the certificate has expired";
  if (codes.includes("CERT_NOT_YET_VALID")) return "the certificate is not valid yet";
  if (codes.some((c) => UNKNOWN_CA.has(c)))
    return "the certificate is signed by an unknown CA (set proxmox.caFile to the CA that signed it, or pin its fingerprint)";
  if (codes.includes("ERR_TLS_CERT_ALTNAME_INVALID"))
    return `the certificate is not for this host: ${deepest}`;
  return deepest;
}

function describe(kind: FailureKind, err: unknown, target: string): string {
  const { codes, messages } = chain(err);
  const deepest = messages[messages.length - 1] ?? "unknown error";
  switch (kind) {
    case "tls":
      return `TLS check failed for ${target}: ${tlsReason(codes, deepest)}`;
    case "auth":
      return `${target} refused the API token (401)`;
    case "permission":
      return `${target} denied access (403): the token lacks PVEAuditor on /`;
    case "timeout":
      return `${target} did not answer in time`;
    case "garbage":
      return `${target} answered with something that is not Proxmox JSON`;
    case "http":
      return `${target}: ${(messages[0] ?? deepest).replace(/^GET \S+ /, "")}`.slice(0, 300);
    default:
      return `${target} cannot be reached: ${deepest}`;
  }
}

/** Turns whatever proxmox-api or fetch threw into a typed failure naming the cause. */
export function classifyUpstreamError(
  err: unknown,
  target: string,
  at: Date = new Date(),
): SourceFailure {
  const kind = kindOf(err);
  return { kind, message: describe(kind, err, target), at: at.toISOString() };
}
