import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "@/lib/config/load";
import { formatPasswordScrypt, parsePasswordScrypt } from "@/lib/config/password-scrypt";
import { minimalCluster } from "@/lib/testing/config";
import { hashPassword, verifyPassword } from "./password";
import { adminForToken } from "./session";

const root = path.resolve(import.meta.dirname, "../..");
const cluster = minimalCluster();
const bobToken = "bob-token-0123456789";

/** Runs `npm run hash-password`'s script with `input` piped to it. */
function hashWithScript(input: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/hash-password.ts"], {
      cwd: root,
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

describe("admin passwords", () => {
  it("a passwordScrypt admin signs in with the password only, beside a token admin", async () => {
    const stored = formatPasswordScrypt(await hashPassword("alice's long passphrase"));
    const config = resolveConfig({
      clusters: [cluster],
      admins: [
        { name: "alice", passwordScrypt: stored },
        { name: "bob", tokenSha256: createHash("sha256").update(bobToken).digest("hex") },
      ],
    });
    expect(JSON.stringify(config.admins)).not.toContain("passphrase");
    expect((await adminForToken("alice's long passphrase", config.admins))?.name).toBe("alice");
    expect(await adminForToken("alice's long passphrasE", config.admins)).toBeNull();
    expect(await adminForToken("", config.admins)).toBeNull();
    expect((await adminForToken(bobToken, config.admins))?.name).toBe("bob");
  });

  it("refuses a config whose passwordScrypt is malformed, naming the admin and the part", () => {
    const admins = [{ name: "alice", passwordScrypt: "scrypt$32768$8$1$c2hvcnQ$c2hvcnQ" }];
    expect(() => resolveConfig({ clusters: [cluster], admins })).toThrow(
      /admins\.0\.passwordScrypt: salt must be 16 to 1024 bytes, got 5/,
    );
  });

  it("hash-password prints one scrypt string at the default cost that verifies", async () => {
    const run = await hashWithScript("correct horse battery staple\n");
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}\n$/);
    const parsed = parsePasswordScrypt(run.out.trim());
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await verifyPassword("correct horse battery staple", parsed.value)).toBe(true);
    expect(await verifyPassword("correct horse battery staple\n", parsed.value)).toBe(false);
    const again = await hashWithScript("correct horse battery staple");
    expect(again.out.split("$")[4]).not.toBe(run.out.split("$")[4]);
  });

  it("hash-password refuses a short password and prints no hash", async () => {
    const run = await hashWithScript("short\n");
    expect(run).toEqual({
      code: 1,
      out: "",
      err: "hash-password: a password needs at least 8 characters\n",
    });
  });
});
