import { execFile, spawnSync } from "node:child_process";

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  timeoutMs?: number;
}

const defaultTimeoutMs = 15_000;

/** Runs a command to completion; a non-zero exit is a result, not an error. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      {
        timeout: opts.timeoutMs ?? defaultTimeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number" && !error.killed) {
          reject(new Error(`${cmd} ${args.join(" ")}: ${error.message}`));
          return;
        }
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ stdout, stderr, code });
      },
    );
  });
}

/** Runs a command and throws with its stderr unless it exits 0. */
export async function runChecked(
  cmd: string,
  args: string[],
  opts: RunOptions = {},
): Promise<string> {
  const result = await run(cmd, args, opts);
  if (result.code !== 0) {
    throw new Error(
      `${cmd} ${args.join(" ")} exited ${String(result.code)}: ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}

/** Synchronous variant for exit handlers, where no event loop turn is left. */
export function runSync(cmd: string, args: string[], timeoutMs = defaultTimeoutMs): RunResult {
  const result = spawnSync(cmd, args, {
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
  });
  return { stdout: result.stdout ?? "", stderr: result.stderr ?? "", code: result.status };
}
