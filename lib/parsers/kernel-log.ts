import { ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "kernel-log";

/** Only this many trailing lines are classified; older lines are counted but not read. */
export const KERNEL_LOG_MAX_LINES = 20_000;

export type KernelSubsystem =
  "ocfs2" | "o2net" | "o2hb" | "o2quo" | "dlm" | "drbd" | "block" | "kernel";

export type KernelEventKind =
  | "direct-io-failed"
  | "read-only-remount"
  | "corruption"
  | "io-error"
  | "fs-error"
  | "split-brain"
  | "peer-disconnect"
  | "disk-failure"
  | "outdated"
  | "quorum-lost"
  | "fencing"
  | "heartbeat-timeout"
  | "node-recovery"
  | "state-change-failed"
  | "kernel-oops"
  | "mount"
  | "unmount"
  | "other-error";

export type KernelSeverity = "critical" | "warning" | "info";

export interface KernelEvent {
  /** 1-based line in the input. */
  line: number;
  /** The timestamp as printed: syslog/journal wall clock, `dmesg -T` date, or dmesg seconds. */
  time: string | null;
  subsystem: KernelSubsystem;
  kind: KernelEventKind;
  severity: KernelSeverity;
  /** DRBD resource name, or the block device an OCFS2 / block-layer message names. */
  resource: string | null;
  /** Block device named by the line: DRBD minor (`drbd1004`), `dm-3`, `sdb`, or `major:minor`. */
  device: string | null;
  /** DRBD peer host or o2net peer node. */
  peer: string | null;
  /** The message after the timestamp / host prefix. */
  message: string;
}

export interface KernelLog {
  lines: number;
  /** True when the input had more than KERNEL_LOG_MAX_LINES lines and only the last ones were read. */
  truncated: boolean;
  events: KernelEvent[];
}

type Classification = Omit<KernelEvent, "line" | "time" | "message">;

interface Stamped {
  time: string | null;
  message: string;
}

const SYSLOG =
  /^([A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)?) +(\S+) +([^\s:[]+)(?:\[\d+\])?: ?(.*)$/;
const ISO =
  /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?) +(\S+) +([^\s:[]+)(?:\[\d+\])?: ?(.*)$/;
const DMESG_LEVEL =
  /^(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7]) *:(?:emerg|alert|crit|err|warn|notice|info|debug) *: ?(.*)$/;
const MONOTONIC = /^\[ *(\d+\.\d+)(?: *<[^>]*>)? *\] ?(.*)$/;
const WALL_CLOCK = /^\[([A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4})\] ?(.*)$/;
const KERNEL_TAG = " kernel: ";

const DRBD9 = /^drbd ([^\s/:]+)(?:\/(\d+))?(?: (drbd\d+))?(?: ([^\s:]+))?: (.*)$/;
const DRBD8_DEVICE = /^block (drbd\d+): (.*)$/;
const DRBD8_CONNECTION = /^d-con ([^\s:]+): (.*)$/;
// The lookbehind lets only the start of a word begin a match, which keeps the scan linear.
const TRANSITION = /(?<![a-z-])([a-z][a-z-]*)\( ?(\w+) -> (\w+) ?\)/g;
// Only the invocation; DRBD repeats the line with "exit code N" when the helper returns.
const HELPER = /helper command: \S+ ([a-z-]+)(?: \S+)?$/;
const CONNECTION_DOWN = new Set([
  "StandAlone",
  "Disconnecting",
  "Unconnected",
  "NetworkFailure",
  "BrokenPipe",
  "Timeout",
  "ProtocolError",
  "TearDown",
]);

const MLOG = /^\(([^,()]*),(\d+),(\d+)\):(\w+):(\d+) (.*)$/;
const OCFS2_ERROR = /^OCFS2: (?:ERROR|abort) \(device ([^)]+)\): /;
const OCFS2_PANIC = /^OCFS2: \(device ([^)]+)\): panic forced after error/;
const OCFS2_CORRUPTION = /^On-disk corruption discovered\. Please run fsck\.ocfs2/;
const OCFS2_READ_ONLY = /^(?:OCFS2: )?File system is now read-only/;
const OCFS2_MOUNT = /^ocfs2: Mounting device \((\d+),(\d+)\) on \(node ([^,)]+)/;
const OCFS2_UNMOUNT = /^ocfs2: Unmounting device \((\d+),(\d+)\)/;
const OCFS2_REPLAY =
  /^ocfs2: Begin replay journal \(node (\d+), slot \d+\) on device \((\d+),(\d+)\)/;
const O2NET_DOWN =
  /^o2net: (?:no longer connected to node (\S+)|connection to node (\S+) .*(?:has been idle|shutdown)|no connection established with node (\S+))/i;
const O2DLM_RECOVERY = /^o2dlm: .*(?:Begin recovery|Recovery Master|dead node)/;
const FENCE_SELF = /ocfs2 is very sorry to be fencing this system/;
const OCFS2_FAMILY = /^(ocfs2|OCFS2|o2net|o2hb|o2dlm|o2cb|o2quo|dlm): /;
const HEARTBEAT_TIMEOUT = /Heartbeat write timeout to device (\S+)/i;
const DEVICE_WORD = /\bdevice ([A-Za-z][\w.:-]*\w)/;
const ERROR_WORD = /\b(?:error|failed|failure|unable)\b/i;

const BLOCK_IO = /\berror, dev ([\w.-]+), sector\b/;
const BUFFER_IO = /^Buffer I\/O error on dev(?:ice)? ([\w.-]+),/;
// Emulated floppy and CD drives on VMs log I/O errors constantly; they never hold cluster storage.
const REMOVABLE = /^(?:fd|sr)\d+$/;
const OOPS =
  /^(?:general protection fault|BUG: unable to handle|BUG: kernel NULL pointer|Oops: |kernel BUG at |Kernel panic - not syncing)/;

/** An OCFS2 ERROR line names the device; the corruption and read-only lines right after it do not. */
const DEVICE_CONTEXT_LINES = 5;

const SEVERITY_RANK: Record<KernelSeverity, number> = { critical: 3, warning: 2, info: 1 };

function stamp(time: string | null, rest: string): Stamped {
  const monotonic = MONOTONIC.exec(rest);
  if (monotonic) return { time: time ?? monotonic[1] ?? null, message: monotonic[2] ?? "" };
  const wallClock = WALL_CLOCK.exec(rest);
  if (wallClock) return { time: time ?? wallClock[1] ?? null, message: wallClock[2] ?? "" };
  return { time, message: rest };
}

/** Strips the journal / syslog / dmesg prefix; null for a line another program wrote. */
function splitPrefix(line: string): Stamped | null {
  const syslog = SYSLOG.exec(line) ?? ISO.exec(line);
  if (syslog) {
    if (syslog[3] !== "kernel") return null;
    return stamp(syslog[1] ?? null, syslog[4] ?? "");
  }
  const level = DMESG_LEVEL.exec(line);
  if (level) return level[1] === "kern" ? stamp(null, level[2] ?? "") : null;
  const tag = line.indexOf(KERNEL_TAG);
  if (tag !== -1 && tag < 80 && !line.startsWith("[")) {
    // A syslog prefix cut at its start ("n 12 15:24:16 host kernel: ..."): keep what was printed.
    const before = line.slice(0, tag).trim();
    const hostAt = before.lastIndexOf(" ");
    const time = hostAt === -1 ? null : before.slice(0, hostAt).trim();
    return stamp(time === "" ? null : time, line.slice(tag + KERNEL_TAG.length));
  }
  return stamp(null, line);
}

function majorMinor(major: string | undefined, minor: string | undefined): string | null {
  return major === undefined || minor === undefined ? null : `${major}:${minor}`;
}

function event(
  subsystem: KernelSubsystem,
  kind: KernelEventKind,
  severity: KernelSeverity,
  where: { resource?: string | null; device?: string | null; peer?: string | null } = {},
): Classification {
  return {
    subsystem,
    kind,
    severity,
    resource: where.resource ?? null,
    device: where.device ?? null,
    peer: where.peer ?? null,
  };
}

function classifyDrbd(message: string): Classification | null {
  let resource: string | null = null;
  let device: string | null = null;
  let peer: string | null = null;
  let body: string;
  const drbd9 = DRBD9.exec(message);
  const drbd8Device = drbd9 ? null : DRBD8_DEVICE.exec(message);
  const drbd8Connection = drbd9 || drbd8Device ? null : DRBD8_CONNECTION.exec(message);
  if (drbd9) {
    resource = drbd9[1] ?? null;
    device = drbd9[3] ?? null;
    peer = drbd9[4] ?? null;
    body = drbd9[5] ?? "";
  } else if (drbd8Device) {
    device = drbd8Device[1] ?? null;
    body = drbd8Device[2] ?? "";
  } else if (drbd8Connection) {
    resource = drbd8Connection[1] ?? null;
    body = drbd8Connection[2] ?? "";
  } else {
    return null;
  }

  const where = { resource, device, peer };
  const candidates: Classification[] = [];
  if (/Split-Brain detected/i.test(body)) {
    const solved = /automatically solved/i.test(body);
    candidates.push(event("drbd", "split-brain", solved ? "warning" : "critical", where));
  }
  const helper = HELPER.exec(body);
  if (helper) {
    const name = helper[1];
    if (name === "initial-split-brain")
      candidates.push(event("drbd", "split-brain", "warning", where));
    if (name === "split-brain" || name === "pri-lost-after-sb") {
      candidates.push(event("drbd", "split-brain", "critical", where));
    }
    if (name === "fence-peer") candidates.push(event("drbd", "fencing", "warning", where));
    if (name === "local-io-error") candidates.push(event("drbd", "io-error", "critical", where));
  }
  if (/IO ERROR|Local IO failed/.test(body)) {
    candidates.push(event("drbd", "io-error", "critical", where));
  }
  for (const transition of body.matchAll(TRANSITION)) {
    const [, field, from = "", to = ""] = transition;
    if (field === "conn" && CONNECTION_DOWN.has(to) && !CONNECTION_DOWN.has(from)) {
      candidates.push(event("drbd", "peer-disconnect", "warning", where));
    } else if (field === "disk" || field === "pdsk") {
      if (to === "Failed") {
        candidates.push(
          event("drbd", "disk-failure", field === "disk" ? "critical" : "warning", where),
        );
      } else if (to === "Outdated") {
        candidates.push(event("drbd", "outdated", "warning", where));
      }
    } else if (field === "quorum" && to === "no") {
      candidates.push(event("drbd", "quorum-lost", "critical", where));
    } else if (field === "susp-io" && to === "quorum") {
      candidates.push(event("drbd", "quorum-lost", "critical", where));
    } else if (field === "susp-io" && to === "fencing") {
      candidates.push(event("drbd", "fencing", "warning", where));
    }
  }
  if (/Aborting cluster-wide state change|State change failed/.test(body)) {
    candidates.push(event("drbd", "state-change-failed", "warning", where));
  }
  if (candidates.length === 0 && ERROR_WORD.test(body)) {
    candidates.push(event("drbd", "other-error", "warning", where));
  }

  let best: Classification | null = null;
  for (const candidate of candidates) {
    if (best === null || SEVERITY_RANK[candidate.severity] > SEVERITY_RANK[best.severity]) {
      best = candidate;
    }
  }
  return best;
}

function mlogSubsystem(fn: string): KernelSubsystem {
  if (fn.startsWith("o2net")) return "o2net";
  if (fn.startsWith("o2hb")) return "o2hb";
  if (fn.startsWith("o2quo")) return "o2quo";
  if (/^_*(?:o2)?dlm/.test(fn)) return "dlm";
  return "ocfs2";
}

/** OCFS2's mlog lines: `(comm,pid,cpu):function:line ERROR: text`. */
function classifyMlog(fn: string, body: string): Classification | null {
  const subsystem = mlogSubsystem(fn);
  const isError = body.startsWith("ERROR:");
  const device = DEVICE_WORD.exec(body)?.[1] ?? null;
  const where = { resource: device, device };
  if (/fencing this node/.test(body)) return event("o2quo", "fencing", "critical");
  if (isError && (/dio_end_io/.test(fn) || /Direct IO failed/i.test(body))) {
    return event("ocfs2", "direct-io-failed", "critical", where);
  }
  const timeout = HEARTBEAT_TIMEOUT.exec(body);
  if (timeout) {
    const target = timeout[1] ?? null;
    return event("o2hb", "heartbeat-timeout", "critical", { resource: target, device: target });
  }
  if (/no connection established|has been idle|no longer connected/i.test(body)) {
    return event(subsystem, "peer-disconnect", "warning");
  }
  if (!isError) return null;
  if (/status = -5\b|I\/O error/i.test(body))
    return event(subsystem, "io-error", "critical", where);
  return event(subsystem, "fs-error", "warning", where);
}

function classifyOcfs2(message: string, recentDevice: string | null): Classification | null {
  if (FENCE_SELF.test(message)) return event("o2quo", "fencing", "critical");
  const mlog = MLOG.exec(message);
  if (mlog) return classifyMlog(mlog[4] ?? "", mlog[6] ?? "");

  const error = OCFS2_ERROR.exec(message) ?? OCFS2_PANIC.exec(message);
  if (error) {
    const device = error[1] ?? null;
    return event("ocfs2", "fs-error", "critical", { resource: device, device });
  }
  const context = { resource: recentDevice, device: recentDevice };
  if (OCFS2_CORRUPTION.test(message)) return event("ocfs2", "corruption", "critical", context);
  if (OCFS2_READ_ONLY.test(message))
    return event("ocfs2", "read-only-remount", "critical", context);

  const mount = OCFS2_MOUNT.exec(message);
  if (mount) {
    const device = majorMinor(mount[1], mount[2]);
    return event("ocfs2", "mount", "info", { resource: device, device });
  }
  const unmount = OCFS2_UNMOUNT.exec(message);
  if (unmount) {
    const device = majorMinor(unmount[1], unmount[2]);
    return event("ocfs2", "unmount", "info", { resource: device, device });
  }
  const replay = OCFS2_REPLAY.exec(message);
  if (replay) {
    const device = majorMinor(replay[2], replay[3]);
    return event("ocfs2", "node-recovery", "warning", {
      resource: device,
      device,
      peer: replay[1],
    });
  }
  const o2netDown = O2NET_DOWN.exec(message);
  if (o2netDown) {
    const peer = o2netDown[1] ?? o2netDown[2] ?? o2netDown[3] ?? null;
    return event("o2net", "peer-disconnect", "warning", { peer });
  }
  const timeout = message.startsWith("o2hb: ") ? HEARTBEAT_TIMEOUT.exec(message) : null;
  if (timeout) {
    const target = timeout[1] ?? null;
    return event("o2hb", "heartbeat-timeout", "critical", { resource: target, device: target });
  }
  if (O2DLM_RECOVERY.test(message)) return event("dlm", "node-recovery", "warning");

  const family = OCFS2_FAMILY.exec(message);
  if (family && ERROR_WORD.test(message)) {
    const name = (family[1] ?? "").toLowerCase();
    const subsystem: KernelSubsystem =
      name === "o2net" || name === "o2hb" || name === "o2quo" || name === "dlm"
        ? name
        : name === "o2dlm"
          ? "dlm"
          : "ocfs2";
    return event(subsystem, "other-error", "warning");
  }
  return null;
}

function classifyBlock(message: string): Classification | null {
  const match = BLOCK_IO.exec(message) ?? BUFFER_IO.exec(message);
  const device = match?.[1];
  if (device === undefined || REMOVABLE.test(device)) return null;
  return event("block", "io-error", "warning", { resource: device, device });
}

/**
 * Recent kernel messages (`journalctl -k`, /var/log/kern.log, `dmesg`, `dmesg -T`, `dmesg -x`),
 * keeping only lines that say something about OCFS2, o2cb, DRBD, block-device I/O or a kernel oops.
 */
export function parseKernelLog(text: string): ParseResult<KernelLog> {
  return parseText(FORMAT, text, (input) => {
    const lines = splitLines(input);
    const start = Math.max(0, lines.length - KERNEL_LOG_MAX_LINES);
    const events: KernelEvent[] = [];
    let ocfs2Device: { device: string; line: number } | null = null;

    for (let index = start; index < lines.length; index++) {
      const lineNumber = index + 1;
      const stamped = splitPrefix(lines[index] ?? "");
      if (stamped === null) continue;
      const message = stamped.message.trimEnd();
      if (message === "") continue;

      const recent =
        ocfs2Device !== null && lineNumber - ocfs2Device.line <= DEVICE_CONTEXT_LINES
          ? ocfs2Device.device
          : null;
      const classification =
        classifyDrbd(message) ??
        classifyOcfs2(message, recent) ??
        classifyBlock(message) ??
        (OOPS.test(message) ? event("kernel", "kernel-oops", "critical") : null);
      if (classification === null) continue;

      if (classification.kind === "fs-error" && classification.subsystem === "ocfs2") {
        const device = OCFS2_ERROR.exec(message)?.[1];
        if (device !== undefined) ocfs2Device = { device, line: lineNumber };
      }
      events.push({ line: lineNumber, time: stamped.time, ...classification, message });
    }

    return ok({ lines: lines.length, truncated: start > 0, events });
  });
}
