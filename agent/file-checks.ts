import { statSync } from "node:fs";
import { ConfigError } from "./config";

/**
 * A token file that group or others may read leaks the token to every local account; under
 * `--strict` the agent refuses to start with it, otherwise it says so and carries on.
 */
export function tokenFileExposure(file: string, what: string): string | null {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    // readTokenFile names a missing or unreadable file.
    return null;
  }
  if ((mode & 0o077) === 0) return null;
  const octal = (mode & 0o777).toString(8).padStart(4, "0");
  return `${what} file ${file} is open to group or others (mode ${octal}); run chmod 600 ${file}`;
}

export function checkTokenFile(
  file: string,
  what: string,
  strict: boolean,
  warn: (message: string) => void,
): void {
  const exposure = tokenFileExposure(file, what);
  if (exposure === null) return;
  if (strict) throw new ConfigError(`${exposure} (--strict refuses it)`);
  warn(`warning: ${exposure}`);
}

/** `--root` must name an existing folder: a typo would otherwise report every source as absent. */
export function checkRootFolder(root: string | undefined): void {
  if (root === undefined) return;
  let folder: boolean;
  try {
    folder = statSync(root).isDirectory();
  } catch {
    throw new ConfigError(`--root ${root} does not exist`);
  }
  if (!folder) throw new ConfigError(`--root ${root} is not a folder`);
}
