import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningAgent {
  child: ChildProcess;
  port: number;
  base: string;
  stderr: () => string;
}

/** Starts the built agent's `serve` on a free loopback port and waits until /healthz answers. */
export async function startAgentProcess(bundle: string, args: string[]): Promise<RunningAgent> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [bundle, "serve", "--listen", `127.0.0.1:${port}`, ...args],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`agent did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { child, port, base, stderr: () => stderr };
}

export async function stopAgentProcess(running: RunningAgent): Promise<void> {
  running.child.kill("SIGTERM");
  if (running.child.exitCode === null) await once(running.child, "exit");
}
