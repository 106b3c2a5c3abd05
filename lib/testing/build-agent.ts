import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Builds the agent bundle once, before any test file runs: the agent's process tests and the
 * demo's run the bundle a user would run, and files that rebuilt it themselves raced each other.
 */
export default function setup(): void {
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, "../../agent/build.mjs")], {
    stdio: "inherit",
  });
}
