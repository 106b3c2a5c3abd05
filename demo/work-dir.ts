import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DemoWorkDirBusyError } from "./errors";

const LOCK = "demo.pid";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie has exited; only its exit status is left to collect.
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

function holder(dir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(dir, LOCK), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Makes `dir` this run's own before anything is written into it: a second demo pointed at the same
 * folder is refused instead of rewriting the first one's tokens. A lock left by a demo that died is
 * taken over. The lock goes when this process exits.
 */
export function claimWorkDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
      process.on("exit", () => {
        if (holder(dir) === process.pid) rmSync(lock, { force: true });
      });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const pid = holder(dir);
    if (pid !== null && pid !== process.pid && alive(pid)) throw new DemoWorkDirBusyError(dir, pid);
    rmSync(lock, { force: true });
  }
  throw new Error(`cannot take ${lock}: another demo is starting with the same folder`);
}

/**
 * Without --work-dir each run keeps its state in a folder of its own, `run-<pid>` under `parent`;
 * folders of runs that are gone are removed first.
 */
export function runFolder(parent: string): string {
  mkdirSync(parent, { recursive: true });
  for (const entry of readdirSync(parent)) {
    const match = /^run-(\d+)$/.exec(entry);
    if (!match) continue;
    const dir = path.join(parent, entry);
    const pid = holder(dir) ?? Number(match[1]);
    if (!alive(pid)) rmSync(dir, { recursive: true, force: true });
  }
  return path.join(parent, `run-${process.pid}`);
}
