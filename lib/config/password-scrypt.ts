/** A password's scrypt hash with the parameters it was made with. */
export interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** What `npm run hash-password` uses: about 32 MiB and a few tens of milliseconds per check. */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, hashBytes: 32 } as const;

const FORMAT = "scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>";
const DECIMAL = /^[1-9][0-9]{0,8}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

type Parsed = { ok: true; value: ScryptHash } | { ok: false; message: string };

function integer(text: string, name: string, min: number, max: number): number | string {
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  return value >= min && value <= max ? value : `${name} must be an integer from ${min} to ${max}`;
}

function bytes(text: string, name: string, min: number, max: number): Buffer | string {
  const value = BASE64URL.test(text) ? Buffer.from(text, "base64url") : null;
  // Re-encoding catches a truncated last character that Buffer.from silently drops.
  if (!value || value.toString("base64url") !== text)
    return `${name} must be base64url without padding`;
  if (value.length < min || value.length > max)
    return `${name} must be ${min} to ${max} bytes, got ${value.length}`;
  return value;
}

/** Reads `scrypt$N$r$p$salt$hash`, with a message naming the first part that is wrong. */
export function parsePasswordScrypt(text: string): Parsed {
  const parts = text.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt")
    return { ok: false, message: `must be ${FORMAT}, as printed by npm run hash-password` };
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const N = DECIMAL.test(n) ? Number(n) : NaN;
  if (!(N >= 2 ** 14 && N <= 2 ** 20 && (N & (N - 1)) === 0))
    return { ok: false, message: "N must be a power of two from 16384 (2^14) to 1048576 (2^20)" };
  const rv = integer(r, "r", 1, 32);
  if (typeof rv === "string") return { ok: false, message: rv };
  const pv = integer(p, "p", 1, 16);
  if (typeof pv === "string") return { ok: false, message: pv };
  // Each sign-in holds 128·N·r bytes; a config asking for more than 256 MiB would fail at sign-in.
  if (128 * N * rv > 256 * 2 ** 20)
    return { ok: false, message: "N·r needs more than 256 MiB per check; lower N or r" };
  const saltv = bytes(salt, "salt", 16, 1024);
  if (typeof saltv === "string") return { ok: false, message: saltv };
  const hashv = bytes(hash, "hash", 32, 64);
  if (typeof hashv === "string") return { ok: false, message: hashv };
  return { ok: true, value: { N, r: rv, p: pv, salt: saltv, hash: hashv } };
}

export function formatPasswordScrypt(h: ScryptHash): string {
  return ["scrypt", h.N, h.r, h.p, h.salt.toString("base64url"), h.hash.toString("base64url")].join(
    "$",
  );
}
