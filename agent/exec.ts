import { execFile } from "node:child_process";

export type RunFailure = "not-installed" | "permission-denied" | "timeout" | "too-large" | "failed";

export type RunOutcome =
  | { ok: true; stdout: string; exitCode: number }
  | { ok: false; reason: RunFailure; message: string };

export interface RunLimits {
  timeoutMs: number;
  maxOutputBytes: number;
}

/**
 * Runs one fixed command without a shell. Several tools (corosync-quorumtool when not quorate)
 * exit non-zero while printing a valid report, so stdout is kept whenever there is some.
 */
export function runCommand(argv: readonly string[], limits: RunLimits): Promise<RunOutcome> {
  const [file, ...args] = argv;
  if (file === undefined) {
    return Promise.resolve({ ok: false, reason: "failed", message: "empty command" });
  }
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        timeout: limits.timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: limits.maxOutputBytes,
        encoding: "utf8",
        windowsHide: true,
        env: toolEnv(),
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ ok: true, stdout, exitCode: 0 });
          return;
        }
        resolve(classifyFailure(file, error, stdout, stderr, limits));
      },
    );
  });
}

interface ExecError extends Error {
  code?: string | number | null;
  killed?: boolean;
  signal?: NodeJS.Signals | null;
}

function classifyFailure(
  file: string,
  error: ExecError,
  stdout: string,
  stderr: string,
  limits: RunLimits,
): RunOutcome {
  if (error.code === "ENOENT") {
    return { ok: false, reason: "not-installed", message: `${file} not found` };
  }
  if (error.code === "EACCES" || /permission denied|not permitted|EACCES|EPERM/i.test(stderr)) {
    return {
      ok: false,
      reason: "permission-denied",
      message: firstLine(stderr) || `${file}: permission denied`,
    };
  }
  if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
    return {
      ok: false,
      reason: "too-large",
      message: `${file} printed more than ${limits.maxOutputBytes} bytes`,
    };
  }
  if (error.killed || error.signal === "SIGKILL") {
    return {
      ok: false,
      reason: "timeout",
      message: `${file} did not finish within ${limits.timeoutMs} ms`,
    };
  }
  const exitCode = typeof error.code === "number" ? error.code : 1;
  if (stdout.trim() !== "") return { ok: true, stdout, exitCode };
  return {
    ok: false,
    reason: "failed",
    message: firstLine(stderr) || `${file} exited with status ${exitCode} and printed nothing`,
  };
}

function firstLine(text: string): string {
  return text.trim().split("\n", 1)[0]?.slice(0, 300) ?? "";
}

/** Tools run with a fixed PATH and the C locale, so their output is the English the parsers read. */
export function toolEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
    LC_ALL: "C",
    NODE_ENV: process.env.NODE_ENV ?? "production",
  };
}
