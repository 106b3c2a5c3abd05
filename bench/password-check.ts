/**
 * Cost of a password sign-in: one scrypt check at the default parameters, and adminForToken with
 * a wrong password against 1, 3 and 5 passwordScrypt admins beside a token admin (what the login
 * route runs for every attempt), then the login route itself answering a wrong password (three
 * requests per admin count, below its limit of ten a minute). Prints medians and the CPU time of
 * one check, which a busy machine does not inflate; asserts nothing.
 *   node --conditions react-server --import tsx bench/password-check.ts [rounds=20]
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { adminForToken } from "@/lib/auth/session";
import { type ResolvedAdmin, resolveConfig } from "@/lib/config/load";
import { formatPasswordScrypt } from "@/lib/config/password-scrypt";
import { minimalCluster } from "@/lib/testing/config";

const rounds = Number(process.argv[2] ?? "20");

async function median(run: () => Promise<unknown>, attempts = rounds): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < attempts; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const stored = await hashPassword("a password of some length");
const check = await median(() => verifyPassword("a wrong password", stored));
const cpu = process.cpuUsage();
for (let i = 0; i < rounds; i++) await verifyPassword("a wrong password", stored);
const used = process.cpuUsage(cpu);
console.log(
  `one scrypt check (N=2^15, r=8, p=1): ${check.toFixed(1)} ms median of ${rounds}, ` +
    `${((used.user + used.system) / 1000 / rounds).toFixed(1)} ms of CPU`,
);

const token: ResolvedAdmin = {
  name: "token",
  tokenSha256: createHash("sha256").update("token-0123456789abcdef").digest(),
  clusters: "*",
  role: "admin",
};
for (const count of [1, 3, 5]) {
  const admins: ResolvedAdmin[] = [token];
  for (let i = 0; i < count; i++)
    admins.push({ name: `p${i}`, passwordScrypt: stored, clusters: "*", role: "admin" });
  const ms = await median(() => adminForToken("a wrong password", admins));
  console.log(`wrong password, ${count} scrypt admin(s) + 1 token admin: ${ms.toFixed(1)} ms`);
}

const holder = globalThis as typeof globalThis & { __tiebreakerRegistry?: unknown };
const { POST } = await import("@/app/api/admin/login/route");
const cluster = minimalCluster("bench");
for (const count of [1, 3, 5]) {
  const admins: Record<string, string>[] = [{ name: "token", tokenEnv: "TB_BENCH_TOKEN" }];
  for (let i = 0; i < count; i++)
    admins.push({ name: `p${i}`, passwordScrypt: formatPasswordScrypt(stored) });
  const config = resolveConfig(
    { clusters: [cluster], admins },
    { TB_BENCH_TOKEN: "token-0123456789abcdef" },
  );
  holder.__tiebreakerRegistry = { config, collectors: new Map() };
  const ms = await median(async () => {
    const response = await POST(
      new Request("http://localhost/api/admin/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: "a wrong password" }),
      }),
    );
    if (response.status !== 401) throw new Error(`expected 401, got ${response.status}`);
  }, 3);
  console.log(
    `POST /api/admin/login, wrong password, ${count} scrypt admin(s): ${ms.toFixed(1)} ms`,
  );
}
