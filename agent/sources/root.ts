import { realpathSync } from "node:fs";
import path from "node:path";
import type { RunLimits } from "../exec";
import type { RawReader } from "./raw";
import { readInstalledKernels } from "./installed-kernels";
import { readCapped } from "./read-capped";

/**
 * Reads a scenario node folder instead of the live system, like node_exporter's --path.procfs.
 * Files are read on every collection so that a demo can change them while the agent runs.
 */
export function rootReader(root: string, limits: RunLimits, nodeName?: string): RawReader {
  const name = nodeName ?? path.basename(safeRealpath(root));
  const readText = async (file: string): Promise<string | null> => {
    const outcome = await readCapped(path.join(root, file), limits);
    return outcome.ok ? outcome.stdout.trim() : null;
  };
  return {
    mode: "root",
    nodeName: () => name,
    read: (raw) => readCapped(path.join(root, raw), limits),
    watch: (probe) =>
      readCapped(
        path.join(
          root,
          probe === "knet" ? "corosync-cmapctl-stats.txt" : "corosync-quorumtool.txt",
        ),
        limits,
      ),
    kernelRelease: () => readText("uname-r.txt"),
    installedKernels: () =>
      readInstalledKernels(
        {
          bootDir: path.join(root, "boot"),
          pin: path.join(root, "etc/kernel/proxmox-boot-pin"),
          nextBootPin: path.join(root, "etc/kernel/next-boot-pin"),
        },
        limits,
      ),
    async clock() {
      const text = await readText("clock-offset-ms.txt");
      const offset = text === null ? Number.NaN : Number(text);
      const offsetMs = Number.isFinite(offset) ? offset : null;
      return { epochMs: Date.now() + (offsetMs ?? 0), offsetMs };
    },
  };
}

function safeRealpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
