import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { SCRYPT_DEFAULTS, type ScryptHash } from "@/lib/config/password-scrypt";

type Params = Pick<ScryptHash, "N" | "r" | "p">;

/** OpenSSL needs 128·r·(N + p + 2) bytes; Node refuses anything above maxmem (32 MiB by default). */
function maxmem({ N, r, p }: Params): number {
  return 128 * r * (N + p + 2) + 1024 * 1024;
}

function derive(password: string, salt: Buffer, length: number, params: Params): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFC"),
      salt,
      length,
      { N: params.N, r: params.r, p: params.p, maxmem: maxmem(params) },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** A new salted hash of `password`, with the default cost unless told otherwise. */
export async function hashPassword(
  password: string,
  params: Params = SCRYPT_DEFAULTS,
): Promise<ScryptHash> {
  const salt = randomBytes(SCRYPT_DEFAULTS.saltBytes);
  const hash = await derive(password, salt, SCRYPT_DEFAULTS.hashBytes, params);
  return { N: params.N, r: params.r, p: params.p, salt, hash };
}

/** Whether `password` gives `stored.hash` with the stored salt and cost, compared in constant time. */
export async function verifyPassword(password: string, stored: ScryptHash): Promise<boolean> {
  const key = await derive(password, stored.salt, stored.hash.length, stored);
  return timingSafeEqual(key, stored.hash);
}
