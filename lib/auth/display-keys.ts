import "server-only";
import { readFileSync, statSync } from "node:fs";
import { getRegistry } from "@/lib/collector/registry";
import { resolveDisplayKeys, type ResolvedDisplayKey } from "@/lib/config/load";

interface Options {
  /** The config file to follow; null keeps the keys the server started with. */
  file: string | null;
  clusterIds: ReadonlySet<string>;
  sessionSecretConfigured: boolean;
  initial: ResolvedDisplayKey[];
  log?: (message: string) => void;
}

/** Which version of a file this is: a save (in place or by rename) changes one of these. */
function version(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch (err) {
    return `missing:${(err as NodeJS.ErrnoException).code ?? "?"}`;
  }
}

/**
 * The display keys as the config file says now. Each check looks at the config file (and the key
 * files it names) and reads them again only when one has changed, so a revoked key is refused from
 * the next request on. A file that cannot be read or holds a mistake keeps the last good keys, and
 * says why once, naming fields and files but never a key.
 */
export class DisplayKeySource {
  private keys: ResolvedDisplayKey[];
  private keyFiles: string[] = [];
  private seen: string | null = null;
  private lastError: string | null = null;

  constructor(private readonly options: Options) {
    this.keys = options.initial;
  }

  current(): ResolvedDisplayKey[] {
    const { file } = this.options;
    if (file === null) return this.keys;
    const now = [file, ...this.keyFiles].map(version).join("|");
    if (now === this.seen) return this.keys;
    this.seen = now;
    try {
      const raw = JSON.parse(readFileSync(file, "utf8")) as { displayKeys?: unknown };
      this.keyFiles = keyFilesOf(raw.displayKeys);
      this.seen = [file, ...this.keyFiles].map(version).join("|");
      this.keys = resolveDisplayKeys(
        raw.displayKeys,
        this.options.clusterIds,
        this.options.sessionSecretConfigured,
      );
      this.lastError = null;
    } catch (err) {
      const message = err instanceof SyntaxError ? "the file is not valid JSON" : String(err);
      if (message !== this.lastError)
        (this.options.log ?? console.error)(
          `display keys: keeping the previous keys, ${file}: ${message}`,
        );
      this.lastError = message;
    }
    return this.keys;
  }
}

function keyFilesOf(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    const keyFile = (entry as { keyFile?: unknown } | null)?.keyFile;
    return typeof keyFile === "string" ? [keyFile] : [];
  });
}

const holder = globalThis as typeof globalThis & { __tiebreakerDisplayKeys?: DisplayKeySource };

/** The server's display keys, following edits of TIEBREAKER_CONFIG while it runs. */
export function currentDisplayKeys(): ResolvedDisplayKey[] {
  if (!holder.__tiebreakerDisplayKeys) {
    const { config } = getRegistry();
    holder.__tiebreakerDisplayKeys = new DisplayKeySource({
      file: process.env.TIEBREAKER_CONFIG ?? null,
      clusterIds: new Set(config.clusters.map((c) => c.id)),
      sessionSecretConfigured: config.sessionSecretConfigured,
      initial: config.displayKeys,
    });
  }
  return holder.__tiebreakerDisplayKeys.current();
}
