import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time bearer check: both sides are hashed first so their lengths never leak. */
export function bearerMatches(header: string | undefined, tokens: readonly string[]): boolean {
  if (header === undefined) return false;
  const match = /^Bearer ([^\s]+)$/.exec(header.trim());
  if (!match?.[1]) return false;
  const offered = digest(match[1]);
  let ok = false;
  for (const token of tokens) {
    if (timingSafeEqual(offered, digest(token))) ok = true;
  }
  return ok;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
