export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  flags: Map<string, string>;
}

const VALUE_FLAGS = new Set([
  "config",
  "root",
  "listen",
  "token-file",
  "metrics-token-file",
  "node-name",
]);

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h" || arg === "--version" || arg === "--strict") {
      flags.set(arg.replace(/^-+/, ""), "true");
      continue;
    }
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      if (!VALUE_FLAGS.has(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === "")
        throw new UsageError(`option --${name} needs a value`);
      flags.set(name, value);
      continue;
    }
    positional.push(arg);
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, flags };
}

export function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--listen must be HOST:PORT (for example 127.0.0.1:9495), got "${value}"`);
  }
  return { host: match[1] ?? match[2] ?? "127.0.0.1", port };
}
