import { z } from "zod";
import { excerpt } from "./line-fields";
import { detail, optionalDetail } from "./output-schema";
import { ParseError } from "./result";

/**
 * The one shape every DRBD source is parsed into (drbdsetup JSON, drbdadm/drbdsetup status text,
 * events2, /proc/drbd). State words are kept exactly as DRBD prints them: "Primary", "UpToDate",
 * "StandAlone", "SyncTarget"... Field names are part of the product contract.
 */

const drbdSourceSchema = z.enum([
  "drbdsetup-json",
  "drbdadm-status",
  "drbdsetup-events2",
  "proc-drbd",
]);

export type DrbdSource = z.infer<typeof drbdSourceSchema>;

const drbdPeerDeviceSchema = z.object({
  volume: z.number().nullable(),
  /** "Established", "SyncSource", "SyncTarget", "PausedSyncT", "Off"... */
  replicationState: z.string().nullable(),
  peerDiskState: z.string().nullable(),
  /** Resync or verify progress in percent, only while one runs and the tool printed it. */
  donePercent: z.number().nullable(),
  peerClient: optionalDetail(z.boolean().nullable()),
  outOfSyncKiB: optionalDetail(z.number().nullable()),
  resyncSuspended: optionalDetail(z.string().nullable()),
});

const drbdConnectionSchema = z.object({
  /** Connection (peer host) name; null when not printed (/proc/drbd, early events2 without names). */
  peerName: z.string().nullable(),
  peerNodeId: z.number().nullable(),
  /**
   * "Connected", "Connecting", "StandAlone", and DRBD 8 words like "WFConnection". "Unknown" only
   * when an events2 stream changed a connection it never saw created (capture started mid-stream).
   */
  connectionState: z.string(),
  peerRole: z.string().nullable(),
  congested: optionalDetail(z.boolean().nullable()),
  /** Set (true) only where the tool itself reported a split brain (events2 split-brain helpers). */
  splitBrain: optionalDetail(z.boolean()),
  /** DRBD 8 replication protocol letter ("A", "B", "C") from /proc/drbd. */
  protocol: optionalDetail(z.string().nullable()),
  peerDevices: z.array(drbdPeerDeviceSchema),
});

const drbdDeviceSchema = z.object({
  /** Volume number; 0 when status text omits it (single volume 0); null when never printed (proc-drbd). */
  volume: z.number().nullable(),
  minor: z.number().nullable(),
  /** Local disk state as printed: "UpToDate", "Inconsistent", "Diskless", "Outdated", "DUnknown"... */
  diskState: z.string(),
  /** Intentionally diskless (a DRBD 9 client). null when a Diskless device does not say which kind. */
  client: z.boolean().nullable(),
  quorum: optionalDetail(z.boolean().nullable()),
  /** Local resync progress when the source prints it per device. */
  donePercent: optionalDetail(z.number().nullable()),
  sizeKiB: optionalDetail(z.number().nullable()),
});

const drbdResourceSchema = z.object({
  /** proc-drbd does not print resource names: there it is "minor-<N>". */
  name: z.string(),
  /** Local role as printed: "Primary", "Secondary", "Unknown". */
  role: z.string(),
  suspended: z.boolean().nullable(),
  /** Why I/O is suspended, as printed ("user", "no-data", "fencing", "quorum"); [] when not. */
  suspendedReasons: optionalDetail(z.array(z.string())),
  /** false when DRBD 9 reports no quorum for any volume; null when the source does not say. */
  quorum: z.boolean().nullable(),
  /** This node's DRBD node id, when printed (JSON, verbose status). */
  nodeId: optionalDetail(z.number().nullable()),
  writeOrdering: optionalDetail(z.string().nullable()),
  /** events2 only: a split-brain helper ran for a peer the stream never named. */
  splitBrain: optionalDetail(z.boolean()),
  devices: z.array(drbdDeviceSchema),
  connections: z.array(drbdConnectionSchema),
});

export const drbdStatusSchema = z.object({
  source: drbdSourceSchema,
  /** Kernel module version ("8.4.6"); only /proc/drbd prints it, null elsewhere. */
  version: detail(z.string()),
  resources: z.array(drbdResourceSchema),
  /** proc-drbd only: minors printed as "cs:Unconfigured" (a device number with nothing behind it). */
  unconfiguredMinors: optionalDetail(z.array(z.number())),
  /** events2 only: the "exists -" line that ends the initial state dump was seen. */
  initialStateComplete: optionalDetail(z.boolean()),
});

export type DrbdStatus = z.infer<typeof drbdStatusSchema>;
export type DrbdResource = z.infer<typeof drbdResourceSchema>;
export type DrbdDevice = z.infer<typeof drbdDeviceSchema>;
export type DrbdConnection = z.infer<typeof drbdConnectionSchema>;
export type DrbdPeerDevice = z.infer<typeof drbdPeerDeviceSchema>;

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
