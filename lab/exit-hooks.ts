import { cleanupPrefix } from "./teardown";

const active = new Set<string>();
let installed = false;

function cleanupAll(): void {
  for (const prefix of active) {
    try {
      cleanupPrefix(prefix, 2_000);
    } catch (error) {
      console.error(`lab cleanup of "${prefix}" failed:`, error);
    }
  }
  active.clear();
}

function onSignal(sig: NodeJS.Signals): void {
  cleanupAll();
  // With only our listener left, re-raise so the process ends the way the signal meant it to.
  if (process.listenerCount(sig) === 1) {
    process.removeListener(sig, onSignal);
    process.kill(process.pid, sig);
  }
}

// The "exit" event is not emitted for an uncaught error, so the monitor cleans up when nothing will catch it.
function onUncaught(_error: unknown, origin: string): void {
  const handled =
    process.listenerCount("uncaughtException") > 0 ||
    (origin === "unhandledRejection" && process.listenerCount("unhandledRejection") > 0);
  if (!handled) cleanupAll();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", cleanupAll);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  process.on("uncaughtExceptionMonitor", onUncaught);
}

/** Makes an interrupted or crashing process remove the prefix's lab before it ends. */
export function guardLab(prefix: string): void {
  install();
  active.add(prefix);
}

export function releaseLab(prefix: string): void {
  active.delete(prefix);
}
