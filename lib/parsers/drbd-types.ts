import { excerpt } from "./line-fields";
import { ParseError } from "./result";

/**
 * The one shape every DRBD source is parsed into (drbdsetup JSON, drbdadm/drbdsetup status text,
 * events2, /proc/drbd). State words are kept exactly as DRBD prints them: "Primary", "UpToDate",
 * "StandAlone", "SyncTarget"... Field names are part of the product contract.
 */

export type DrbdSource = "drbdsetup-json" | "drbdadm-status" | "drbdsetup-events2" | "proc-drbd";

export interface DrbdStatus {
  source: DrbdSource;
  /** Kernel module version ("8.4.6"); only /proc/drbd prints it, null elsewhere. */
  version: string | null;
  resources: DrbdResource[];
  /** proc-drbd only: minors printed as "cs:Unconfigured" (a device number with nothing behind it). */
  unconfiguredMinors?: number[];
  /** events2 only: the "exists -" line that ends the initial state dump was seen. */
  initialStateComplete?: boolean;
}

export interface DrbdResource {
  /** proc-drbd does not print resource names: there it is "minor-<N>". */
  name: string;
  /** Local role as printed: "Primary", "Secondary", "Unknown". */
  role: string;
  suspended: boolean | null;
  /** Why I/O is suspended, as printed ("user", "no-data", "fencing", "quorum"); [] when not. */
  suspendedReasons?: string[];
  /** false when DRBD 9 reports no quorum for any volume; null when the source does not say. */
  quorum: boolean | null;
  /** This node's DRBD node id, when printed (JSON, verbose status). */
  nodeId?: number | null;
  writeOrdering?: string | null;
  /** events2 only: a split-brain helper ran for a peer the stream never named. */
  splitBrain?: boolean;
  devices: DrbdDevice[];
  connections: DrbdConnection[];
}

export interface DrbdDevice {
  /** Volume number; 0 when status text omits it (single volume 0); null when never printed (proc-drbd). */
  volume: number | null;
  minor: number | null;
  /** Local disk state as printed: "UpToDate", "Inconsistent", "Diskless", "Outdated", "DUnknown"... */
  diskState: string;
  /** Intentionally diskless (a DRBD 9 client). null when a Diskless device does not say which kind. */
  client: boolean | null;
  quorum?: boolean | null;
  /** Local resync progress when the source prints it per device. */
  donePercent?: number | null;
  sizeKiB?: number | null;
}

export interface DrbdConnection {
  /** Connection (peer host) name; null when not printed (/proc/drbd, early events2 without names). */
  peerName: string | null;
  peerNodeId: number | null;
  /**
   * "Connected", "Connecting", "StandAlone", and DRBD 8 words like "WFConnection". "Unknown" only
   * when an events2 stream changed a connection it never saw created (capture started mid-stream).
   */
  connectionState: string;
  peerRole: string | null;
  congested?: boolean | null;
  /** Set (true) only where the tool itself reported a split brain (events2 split-brain helpers). */
  splitBrain?: boolean;
  /** DRBD 8 replication protocol letter ("A", "B", "C") from /proc/drbd. */
  protocol?: string | null;
  peerDevices: DrbdPeerDevice[];
}

export interface DrbdPeerDevice {
  volume: number | null;
  /** "Established", "SyncSource", "SyncTarget", "PausedSyncT", "Off"... */
  replicationState: string | null;
  peerDiskState: string | null;
  /** Resync or verify progress in percent, only while one runs and the tool printed it. */
  donePercent: number | null;
  peerClient?: boolean | null;
  outOfSyncKiB?: number | null;
  resyncSuspended?: string | null;
}

/** Replication states in which DRBD reports a progress percentage. */
export const PROGRESS_REPLICATION_STATES: ReadonlySet<string> = new Set([
  "SyncSource",
  "SyncTarget",
  "PausedSyncS",
  "PausedSyncT",
  "VerifyS",
  "VerifyT",
]);

/** A resource has quorum only if every volume has it; any volume without quorum means it has none. */
export function resourceQuorum(devices: readonly DrbdDevice[]): boolean | null {
  let sawTrue = false;
  let sawUnknown = false;
  for (const device of devices) {
    if (device.quorum === false) return false;
    if (device.quorum === true) sawTrue = true;
    else sawUnknown = true;
  }
  return sawTrue && !sawUnknown ? true : null;
}

/** Splits a comma list such as "user,quorum"; "no" (not suspended) becomes []. */
export function suspendedReasons(value: string): string[] {
  if (value === "no" || value === "") return [];
  return value.split(",").filter((part) => part !== "");
}

// Helpers shared by the DRBD text parsers.

const KEY_VALUE = /^([A-Za-z][\w./-]{0,63}):/;
const UNSIGNED = /^\d{1,15}$/;
const DECIMAL = /^\d{1,15}(?:\.\d{1,15})?$/;

/** Splits a "key:value" token at its first colon (values may hold colons: "local:ipv4:10.0.0.1:7789"). */
export function keyValue(token: string): { key: string; value: string } | null {
  const match = KEY_VALUE.exec(token);
  if (!match) return null;
  const key = match[1] ?? "";
  return { key, value: token.slice(key.length + 1) };
}

/** drbdsetup colours state words when stdout is a terminal; pasted output keeps the escapes. */
export function stripAnsi(line: string): string {
  if (!line.includes("\u001b")) return line;
  const parts: string[] = [];
  let pos = 0;
  for (;;) {
    const start = line.indexOf("\u001b[", pos);
    if (start < 0) break;
    parts.push(line.slice(pos, start));
    let end = start + 2;
    while (end < line.length && /[0-9;]/.test(line.charAt(end))) end++;
    pos = end + 1;
  }
  parts.push(line.slice(pos));
  return parts.join("");
}

export function yesNo(value: string | undefined): boolean | null {
  if (value === "yes") return true;
  if (value === "no") return false;
  return null;
}

export function unsignedOrNull(value: string | undefined): number | null {
  return value !== undefined && UNSIGNED.test(value) ? Number(value) : null;
}

export function decimalOrNull(value: string | undefined): number | null {
  return value !== undefined && DECIMAL.test(value) ? Number(value) : null;
}

/**
 * The client flag as printed; when it is not, a Diskless (or unreported) disk may be an
 * intentional client or a lost disk, and any other disk state is not a client.
 */
export function clientFlag(printed: boolean | null, diskState: string | null): boolean | null {
  return printed ?? (diskState === null || diskState === "Diskless" ? null : false);
}

export function stripBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** Adds "key:value" tokens to `target`, refusing any other token. */
export function addFields(
  format: DrbdSource,
  target: Map<string, string>,
  tokens: readonly string[],
  line: number,
): void {
  for (const token of tokens) {
    const kv = keyValue(token);
    if (!kv) {
      throw new ParseError({
        format,
        line,
        message: `expected key:value, got "${excerpt(token)}"`,
      });
    }
    target.set(kv.key, kv.value);
  }
}

/** A field's unsigned integer; null when the field is absent, refused when it is not a number. */
export function integerField(
  format: DrbdSource,
  fields: ReadonlyMap<string, string>,
  key: string,
  line: number,
): number | null {
  const value = fields.get(key);
  if (value === undefined) return null;
  const parsed = unsignedOrNull(value);
  if (parsed === null) {
    throw new ParseError({ format, line, message: `${key} is not a number: "${excerpt(value)}"` });
  }
  return parsed;
}
