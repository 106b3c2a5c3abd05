import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adminSchema } from "./admin-schema";
import { parsePasswordScrypt } from "./password-scrypt";

const b64 = (bytes: number) => randomBytes(bytes).toString("base64url");
const salt = b64(16);
const hash = b64(32);
const valid = `scrypt$32768$8$1$${salt}$${hash}`;

function issue(passwordScrypt: string) {
  const result = adminSchema.safeParse({ name: "alice", passwordScrypt });
  expect(result.success).toBe(false);
  const first = result.error!.issues[0]!;
  return `${first.path.join(".")}: ${first.message}`;
}

describe("passwordScrypt in the config", () => {
  it("accepts the hash-password format and reads its parts", () => {
    expect(adminSchema.safeParse({ name: "alice", passwordScrypt: valid }).success).toBe(true);
    const parsed = parsePasswordScrypt(`scrypt$1048576$2$16$${b64(64)}$${b64(64)}`);
    expect(parsed.ok && { N: parsed.value.N, r: parsed.value.r, p: parsed.value.p }).toEqual({
      N: 2 ** 20,
      r: 2,
      p: 16,
    });
    const read = parsePasswordScrypt(valid);
    expect(read.ok && read.value.salt.toString("base64url")).toBe(salt);
    expect(read.ok && read.value.hash.length).toBe(32);
  });

  it.each([
    ["another scheme", `bcrypt$32768$8$1$${salt}$${hash}`, /must be scrypt\$<N>\$<r>\$<p>/],
    ["a missing part", `scrypt$32768$8$1$${salt}`, /must be scrypt\$<N>/],
    ["N not a power of two", `scrypt$30000$8$1$${salt}$${hash}`, /N must be a power of two/],
    ["N below 2^14", `scrypt$8192$8$1$${salt}$${hash}`, /N must be a power of two from 16384/],
    ["N above 2^20", `scrypt$2097152$8$1$${salt}$${hash}`, /N must be .* 1048576/],
    ["N·r over 256 MiB", `scrypt$1048576$32$1$${salt}$${hash}`, /more than 256 MiB/],
    ["N in hex", `scrypt$0x8000$8$1$${salt}$${hash}`, /N must be/],
    ["r of 0", `scrypt$32768$0$1$${salt}$${hash}`, /r must be an integer from 1 to 32/],
    ["r above 32", `scrypt$32768$33$1$${salt}$${hash}`, /r must be an integer from 1 to 32/],
    ["p of 0", `scrypt$32768$8$0$${salt}$${hash}`, /p must be an integer from 1 to 16/],
    ["p above 16", `scrypt$32768$8$17$${salt}$${hash}`, /p must be an integer from 1 to 16/],
    [
      "a salt under 16 bytes",
      `scrypt$32768$8$1$${b64(15)}$${hash}`,
      /salt must be 16 to .* got 15/,
    ],
    ["a padded salt", `scrypt$32768$8$1$${b64(17)}==$${hash}`, /salt must be base64url/],
    ["a base64 salt", `scrypt$32768$8$1$${"+/".repeat(12)}$${hash}`, /salt must be base64url/],
    ["a hash under 32 bytes", `scrypt$32768$8$1$${salt}$${b64(31)}`, /hash must be 32 to 64 .* 31/],
    ["a hash over 64 bytes", `scrypt$32768$8$1$${salt}$${b64(65)}`, /hash must be 32 to 64 .* 65/],
    ["a stray last character", `scrypt$32768$8$1$${salt}$${b64(33)}x`, /hash must be base64url/],
  ])("refuses %s, naming the field and the part", (_, text, message) => {
    const said = issue(text);
    expect(said).toMatch(/^passwordScrypt: /);
    expect(said).toMatch(message);
  });

  it("is one of the four ways to give a secret, never beside another", () => {
    const both = { name: "alice", passwordScrypt: valid, tokenEnv: "TB_ALICE" };
    expect(adminSchema.safeParse(both).error?.issues[0]?.message).toBe(
      "set exactly one of tokenSha256, tokenFile, tokenEnv, passwordScrypt",
    );
  });
});
