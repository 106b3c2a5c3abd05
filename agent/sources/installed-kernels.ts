import { readdir } from "node:fs/promises";
import type { RunLimits } from "../exec";
import type { InstalledKernels } from "./raw";
import { readCapped } from "./read-capped";

/** /boot's file names and the pin files, each bounded like any other read. */
export async function readInstalledKernels(
  paths: { bootDir: string; pin: string; nextBootPin: string },
  limits: RunLimits,
): Promise<InstalledKernels | null> {
  const text = async (file: string): Promise<string | null> => {
    const outcome = await readCapped(file, limits);
    return outcome.ok ? outcome.stdout : null;
  };
  const [images, pin, nextBootPin] = await Promise.all([
    readdir(paths.bootDir).catch(() => null),
    text(paths.pin),
    text(paths.nextBootPin),
  ]);
  return images === null ? null : { images, pin, nextBootPin };
}
