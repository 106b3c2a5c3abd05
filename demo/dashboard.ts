import type { ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startAndWait } from "./processes";

export const DEMO_TOKEN_ID = "tiebreaker@pve!dashboard";

export interface Secrets {
  pveToken: string;
  agentToken: string;
  pveTokenFile: string;
  agentTokenFile: string;
  /** Signs in at /admin/login on the demo dashboard. */
  adminToken: string;
  adminTokenFile: string;
}

/** Fresh API and agent tokens for a simulated cluster, written 0600 where the processes read them. */
export function makeSecrets(dir: string): Secrets {
  const pveToken = randomUUID();
  const agentToken = randomBytes(24).toString("hex");
  const pveTokenFile = path.join(dir, "pve-token");
  const agentTokenFile = path.join(dir, "agent-token");
  writeFileSync(pveTokenFile, `${pveToken}\n`, { mode: 0o600 });
  writeFileSync(agentTokenFile, `${agentToken}\n`, { mode: 0o600 });
  const adminToken = randomBytes(18).toString("base64url");
  const adminTokenFile = path.join(dir, "admin-token");
  writeFileSync(adminTokenFile, `${adminToken}\n`, { mode: 0o600 });
  return { pveToken, agentToken, pveTokenFile, agentTokenFile, adminToken, adminTokenFile };
}

/** The files `npm run build` and `node agent/build.mjs` produce, which the demo runs. */
export function builtFiles(projectDir: string): { dashboardServer: string; agentBundle: string } {
  return {
    dashboardServer: path.join(projectDir, ".next/standalone/server.js"),
    agentBundle: path.join(projectDir, "agent/dist/tiebreaker-agent.cjs"),
  };
}

/** Starts the built standalone dashboard and waits until it answers. */
export async function startDashboard(options: {
  projectDir: string;
  port: number;
  configFile: string;
  env?: Record<string, string>;
  /** Limits for coming up and for each probe, for a dashboard busy with many clusters. */
  timeoutMs?: number;
  probeTimeoutMs?: number;
}): Promise<{ url: string; child: ChildProcess }> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = await startAndWait(
    process.execPath,
    [builtFiles(options.projectDir).dashboardServer],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(options.port),
        HOSTNAME: "127.0.0.1",
        TIEBREAKER_CONFIG: options.configFile,
        ...options.env,
      },
      readyUrl: `${url}/api/health`,
      timeoutMs: options.timeoutMs ?? 60_000,
      probeTimeoutMs: options.probeTimeoutMs,
      what: "the dashboard",
      claim: { host: "127.0.0.1", port: options.port, flag: "--port", what: "the dashboard" },
      stdout: "forward",
    },
  );
  return { url, child };
}

/** The demo's status page history: a file of its own that each demo run starts empty. */
export function freshHistoryFile(dir: string): string {
  const file = path.join(dir, "history.sqlite");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  return file;
}
