/** `--name <n>` from the command line, or `fallback`; anything but a positive number stops the run. */
export function flag(name: string, fallback: number, options: { whole?: boolean } = {}): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  const valid = options.whole ? Number.isSafeInteger(value) : Number.isFinite(value);
  if (!valid || value <= 0)
    throw new Error(`--${name} must be a positive ${options.whole ? "whole number" : "number"}`);
  return value;
}
