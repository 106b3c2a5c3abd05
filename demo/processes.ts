import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as delay } from "node:timers/promises";
import { DemoPortError, type PortClaim } from "./errors";

const children = new Set<ChildProcess>();
let hooked = false;

const WATCHDOG = path.join(path.dirname(fileURLToPath(import.meta.url)), "child-watchdog.cjs");

/** Signals the child's whole process group (it leads one), so what it started goes too. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function killAll() {
  for (const child of children) if (child.exitCode === null) signalGroup(child, "SIGKILL");
}

/**
 * Starts a child that is killed when this process exits, however it exits: an exit hook covers a
 * normal end and the signals the demo handles; for SIGKILL, which runs no hook, a Node child
 * carries a watchdog that ends its process group once this process is gone.
 */
export function spawnTracked(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): ChildProcess {
  if (!hooked) {
    hooked = true;
    process.on("exit", killAll);
  }
  const node = command === process.execPath;
  const child = spawn(command, node ? ["--require", WATCHDOG, ...args] : args, {
    stdio: ["ignore", "inherit", "inherit"],
    ...options,
    env: { ...(options.env ?? process.env), TB_DEMO_PARENT_PID: String(process.pid) },
    // A group of its own: the watchdog and stopChild end the child with everything it started.
    detached: true,
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Process ids of the tracked children still running. */
export function runningChildren(): number[] {
  return [...children].filter((c) => c.exitCode === null && c.pid !== undefined).map((c) => c.pid!);
}

export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
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

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Answers 2xx once the child is ready. */
  readyUrl: string;
  timeoutMs: number;
  /** How long one readiness probe may wait (default 1 s); a server busy polling answers later. */
  probeTimeoutMs?: number;
  what: string;
  /** Where the child listens; a child that exits because it is taken becomes a DemoPortError. */
  claim?: PortClaim;
  stdout: "forward" | "ignore";
}

function lastMessageLine(text: string): string {
  const lines = text.split("\n").filter((l) => l.trim() !== "" && !/^\s+at /.test(l));
  return lines.at(-1)?.trim() ?? "no output";
}

/**
 * Starts a tracked child and waits until `readyUrl` answers. Its output is held back until then,
 * so a child that cannot start ends in one line of ours instead of its own stack trace.
 */
export async function startAndWait(
  command: string,
  args: string[],
  options: StartOptions,
): Promise<ChildProcess> {
  const child = spawnTracked(command, args, {
    env: options.env,
    stdio: ["ignore", options.stdout === "forward" ? "pipe" : "ignore", "pipe"],
  });
  const held: { to: NodeJS.WriteStream; chunk: Buffer }[] = [];
  const holdOut = (chunk: Buffer) => held.push({ to: process.stdout, chunk });
  const holdErr = (chunk: Buffer) => held.push({ to: process.stderr, chunk });
  child.stdout?.on("data", holdOut);
  child.stderr?.on("data", holdErr);
  const end: { why: string | null } = { why: null };
  const closed = new Promise<void>((resolve) => {
    child.once("error", (err) => {
      end.why = err.message;
      resolve();
    });
    // "close", not "exit": by then every line the child wrote has been read.
    child.once("close", (code, signal) => {
      end.why = signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve();
    });
  });

  const deadline = Date.now() + options.timeoutMs;
  let last = "no answer";
  for (;;) {
    if (end.why !== null) {
      const output = Buffer.concat(held.map((h) => h.chunk)).toString();
      if (options.claim && /EADDRINUSE|already in use/i.test(output))
        throw new DemoPortError(options.claim, "EADDRINUSE");
      throw new Error(
        `${options.what} stopped before it answered (${end.why}): ${lastMessageLine(output)}`,
      );
    }
    if (Date.now() >= deadline) {
      await stopChild(child);
      throw new Error(
        `${options.what} did not come up at ${options.readyUrl} within ${options.timeoutMs} ms (${last})`,
      );
    }
    try {
      const response = await fetch(options.readyUrl, {
        signal: AbortSignal.timeout(options.probeTimeoutMs ?? 1_000),
      });
      if (response.ok) break;
      last = `HTTP ${response.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await Promise.race([delay(100), closed]);
  }

  child.stdout?.off("data", holdOut);
  child.stderr?.off("data", holdErr);
  for (const { to, chunk } of held) to.write(chunk);
  child.stdout?.pipe(process.stdout);
  child.stderr?.pipe(process.stderr);
  return child;
}
