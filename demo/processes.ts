import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import { once } from "node:events";

const children = new Set<ChildProcess>();
let hooked = false;

function killAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}

/** Starts a child that is killed when this process exits, however it exits. */
export function spawnTracked(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): ChildProcess {
  if (!hooked) {
    hooked = true;
    process.on("exit", killAll);
  }
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], ...options });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Polls a URL until it answers 2xx, or fails after `timeoutMs` naming what it waited for. */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  what: string,
  init?: RequestInit,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not come up at ${url} within ${timeoutMs} ms (${last})`);
}
