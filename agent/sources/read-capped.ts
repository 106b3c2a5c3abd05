import { open } from "node:fs/promises";
import type { RunLimits, RunOutcome } from "../exec";

/**
 * Reads a file up to the output cap. /proc files report size 0, so the cap is enforced while
 * reading, and the wait is bounded because a file on a hung mount never returns.
 */
export async function readCapped(file: string, limits: RunLimits): Promise<RunOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<RunOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          reason: "timeout",
          message: `reading ${file} took more than ${limits.timeoutMs} ms`,
        }),
      limits.timeoutMs,
    );
  });
  try {
    return await Promise.race([readBody(file, limits.maxOutputBytes), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(file: string, cap: number): Promise<RunOutcome> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (err) {
    return fileFailure(file, err);
  }
  try {
    // A small buffer read in a loop: the files are small, and a collection reads a dozen of them at
    // once, so a large one per read would be most of the agent's memory.
    const buffer = Buffer.allocUnsafe(Math.min(cap + 1, 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > cap) {
        return { ok: false, reason: "too-large", message: `${file} is larger than ${cap} bytes` };
      }
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return { ok: true, stdout: Buffer.concat(chunks).toString("utf8"), exitCode: 0 };
  } catch (err) {
    return fileFailure(file, err);
  } finally {
    await handle.close();
  }
}

export function fileFailure(file: string, err: unknown): RunOutcome {
  const code = err && typeof err === "object" && "code" in err ? String(err.code) : "";
  if (code === "ENOENT" || code === "ENOTDIR") {
    return { ok: false, reason: "not-installed", message: `${file} does not exist` };
  }
  if (code === "EACCES" || code === "EPERM") {
    return { ok: false, reason: "permission-denied", message: `${file}: permission denied` };
  }
  return { ok: false, reason: "failed", message: `${file}: ${code || String(err)}` };
}
