import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const builtInScenarios = path.join(projectDir, "scenarios");

/** Holds `port` (0: any free one) until the returned server is closed; connections are dropped. */
export function occupy(host: string, port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Distinct ports that were free on 127.0.0.1 a moment ago. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => occupy("127.0.0.1")));
  const ports = servers.map(portOf);
  await Promise.all(servers.map(close));
  return ports;
}

/** True when nothing listens on host:port any more. */
export async function portIsFree(host: string, port: number): Promise<boolean> {
  try {
    await close(await occupy(host, port));
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes scenario folders into `dir`, each a copy of a built-in scenario under a new name, the way
 * a suite keeps clusters of its own.
 */
export function writeScenarioSuite(dir: string, copies: { name: string; from: string }[]): void {
  mkdirSync(dir, { recursive: true });
  for (const { name, from } of copies) {
    const target = path.join(dir, name);
    cpSync(path.join(builtInScenarios, from), target, { recursive: true });
    const file = path.join(target, "scenario.json");
    const meta = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...meta, name, title: `Suite: ${name}` }));
  }
}

/** Pids of processes (other than this one) whose command line or environment mentions `text`. */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    for (const file of ["cmdline", "environ"]) {
      try {
        if (readFileSync(`/proc/${pid}/${file}`).includes(text)) {
          found.push(pid);
          break;
        }
      } catch {
        // Gone meanwhile, or another user's process.
      }
    }
  }
  return found;
}

export interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `demo/main.ts` to its end, as `npm run demo:start -- <args>` does. */
export function runDemo(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<DemoRun> {
  const child = spawn(process.execPath, ["--import", "tsx", "demo/main.ts", ...args], {
    cwd: projectDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}
