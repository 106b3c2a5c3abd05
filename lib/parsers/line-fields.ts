import { LineError, splitLines } from "./result";

// corosync-quorumtool and corosync-qdevice-tool print "Title information" sections, each title
// underlined with dashes, holding "Key: value" lines.
const TITLE = /^[A-Za-z][A-Za-z -]{0,40} information$/;
const UNDERLINE = /^-+$/;
const KEY = /^[A-Za-z][A-Za-z0-9 _()/.-]{0,63}$/;
const DECIMAL = /^\d{1,10}$/;
const TOOL_ERROR = /^corosync-[a-z-]+: /;

export interface ToolLine {
  line: string;
  lineNo: number;
}

export interface Field {
  key: string;
  value: string;
}

/** The start of a long line or value, short enough to quote in an error message. */
export function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

export function putEntry(target: Record<string, string>, key: string, value: string): void {
  // defineProperty keeps a key such as "__proto__" as plain data.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function parseCount(value: string, what: string, line: number): number {
  if (!DECIMAL.test(value))
    throw new LineError(line, `${what} is not a number: "${excerpt(value)}"`);
  return Number(value);
}

export function parseYesNo(value: string, what: string, line: number): boolean {
  if (value === "Yes") return true;
  if (value === "No") return false;
  throw new LineError(line, `${what} is neither Yes nor No: "${excerpt(value)}"`);
}

/** Splits tool output or a config file into lines, refusing one with only blank lines. */
export function outputLines(text: string): string[] {
  const lines = splitLines(text);
  if (lines.every((l) => l.trim() === "")) throw new LineError(null, "no output");
  return lines;
}

/**
 * The trimmed, numbered lines of corosync tool output that carry content: blank lines and title
 * underlines are skipped, and an error message from the tool is refused.
 */
export function* toolLines(lines: readonly string[]): Generator<ToolLine> {
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? "").trim();
    if (line === "" || UNDERLINE.test(line)) continue;
    if (TOOL_ERROR.test(line))
      throw new LineError(lineNo, `the tool reported an error: ${excerpt(line)}`);
    yield { line, lineNo };
  }
}

/**
 * The section a title line opens: its entry in `known`, or "other" for any other "... information"
 * title once a section has begun; undefined when the line is not a title.
 */
export function sectionTitle<S extends string>(
  { line, lineNo }: ToolLine,
  known: Readonly<Record<string, S>>,
  inSection: boolean,
  firstSection: string,
): S | "other" | undefined {
  const section = known[line];
  if (section !== undefined) return section;
  if (!TITLE.test(line)) return undefined;
  if (!inSection) {
    throw new LineError(lineNo, `unknown section before ${firstSection}: "${excerpt(line)}"`);
  }
  return "other";
}

/** Splits a "Key: value" line, refusing any other line and a field before the first section title. */
export function readField({ line, lineNo }: ToolLine, inSection: boolean): Field {
  const colon = line.indexOf(":");
  const key = colon > 0 ? line.slice(0, colon).trim() : "";
  if (!KEY.test(key)) throw new LineError(lineNo, `unrecognised line: "${excerpt(line)}"`);
  if (!inSection) {
    throw new LineError(lineNo, `field before any section header: "${excerpt(line)}"`);
  }
  return { key, value: line.slice(colon + 1).trim() };
}
