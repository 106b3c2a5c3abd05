export const PARSE_FORMATS = [
  "corosync-quorumtool",
  "corosync-qdevice-tool",
  "corosync-conf",
  "drbdsetup-json",
  "drbdadm-status",
  "drbdsetup-events2",
  "proc-drbd",
  "proc-mounts",
  "mounted-ocfs2",
  "o2cb-status",
  "ocfs2-cluster-conf",
  "kernel-log",
  "storage-cfg",
  "corosync-cfgtool",
  "corosync-cmapctl-stats",
  "proxmox-boot-tool-kernel-list",
] as const;

export type ParseFormat = (typeof PARSE_FORMATS)[number];

export function isParseFormat(value: string): value is ParseFormat {
  return (PARSE_FORMATS as readonly string[]).includes(value);
}

/** A parser's refusal: which format, which 1-based line (null when not tied to one), and why. */
export interface ParseFailure {
  format: ParseFormat;
  line: number | null;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseFailure };

export class ParseError extends Error {
  readonly format: ParseFormat;
  readonly line: number | null;

  constructor(failure: ParseFailure) {
    super(describeFailure(failure));
    this.name = "ParseError";
    this.format = failure.format;
    this.line = failure.line;
  }
}

export function describeFailure(failure: ParseFailure): string {
  const where = failure.line === null ? "" : ` at line ${failure.line}`;
  return `${failure.format}${where}: ${failure.message}`;
}

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  format: ParseFormat,
  line: number | null,
  message: string,
): ParseResult<T> {
  return { ok: false, error: { format, line, message } };
}

/**
 * Largest text any parser reads. Tool outputs are kilobytes; a larger input is refused up front
 * so a runaway tool or a hostile file costs one length check, not a scan.
 */
export const MAX_INPUT_CHARS = 4 * 1024 * 1024;

export function guardInput(format: ParseFormat, text: unknown): ParseResult<string> {
  if (typeof text !== "string") return fail(format, null, "input is not text");
  if (text.length > MAX_INPUT_CHARS) {
    return fail(
      format,
      null,
      `input is ${text.length} characters, over the ${MAX_INPUT_CHARS} limit`,
    );
  }
  if (text.includes("\u0000")) {
    const line = text.slice(0, text.indexOf("\u0000")).split("\n").length;
    return fail(format, line, "input contains a NUL byte (binary data, not tool output)");
  }
  return ok(text);
}

/** Splits tool output into lines, tolerating CRLF and a missing final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * A refusal at one line (null: the input as a whole) thrown from deep inside a parser body;
 * unlike a ParseError, its message carries no format prefix.
 */
export class LineError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a parser body and turns any unexpected exception into a typed failure. */
export function guarded<T>(format: ParseFormat, body: () => ParseResult<T>): ParseResult<T> {
  try {
    return body();
  } catch (err) {
    if (err instanceof ParseError || err instanceof LineError) {
      return fail(format, err.line, err.message);
    }
    const message = err instanceof Error ? err.message : String(err);
    return fail(format, null, `internal parser error: ${message}`);
  }
}

/** Refuses input that is not text a parser should read, then runs the parser body on it guarded. */
export function parseText<T>(
  format: ParseFormat,
  text: unknown,
  body: (text: string) => ParseResult<T>,
): ParseResult<T> {
  const input = guardInput(format, text);
  if (!input.ok) return input;
  return guarded(format, () => body(input.value));
}
