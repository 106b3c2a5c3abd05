import { z } from "zod";
import { detail, optionalDetail, vocabulary } from "./output-schema";
import { ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "kernel-log";

/** Only this many trailing lines are classified; older lines are counted but not read. */
export const KERNEL_LOG_MAX_LINES = 20_000;

// A word a newer agent adds reads as this version's catch-all: kernel, other-error, warning.
const kernelSubsystemSchema = vocabulary(
  ["ocfs2", "o2net", "o2hb", "o2quo", "dlm", "drbd", "block", "kernel"],
  "kernel",
);

const kernelEventKindSchema = vocabulary(
  [
    "direct-io-failed",
    "read-only-remount",
    "corruption",
    "io-error",
    "fs-error",
    "split-brain",
    "peer-disconnect",
    "disk-failure",
    "disk-inconsistent",
    "disk-detached",
    "outdated",
    "unrelated-data",
    "node-id-mismatch",
    "quorum-lost",
    "fencing",
    "heartbeat-timeout",
    "node-recovery",
    "state-change-failed",
    "kernel-oops",
    "mount",
    "unmount",
    "module-warning",
    "other-error",
  ],
  "other-error",
);

const kernelSeveritySchema = vocabulary(["critical", "warning", "info"], "warning");

const kernelEventSchema = z.object({
  /** 1-based line in the input. */
  line: z.number(),
  /** The timestamp as printed: syslog/journal wall clock, `dmesg -T` date, or dmesg seconds. */
  time: z.string().nullable(),
  subsystem: kernelSubsystemSchema,
  kind: kernelEventKindSchema,
  severity: kernelSeveritySchema,
  /** DRBD resource name, or the block device an OCFS2 / block-layer message names. */
  resource: z.string().nullable(),
  /** Block device named by the line: DRBD minor (`drbd1004`), `dm-3`, `sdb`, or `major:minor`. */
  device: detail(z.string()),
  /** DRBD peer host or o2net peer node. */
  peer: detail(z.string()),
  /** The message after the timestamp / host prefix. */
  message: z.string(),
  /** What the line means, in plain words; the parser always sets it. */
  meaning: optionalDetail(z.string()),
});

export const kernelLogSchema = z.object({
  lines: z.number(),
  /** True when the input had more than KERNEL_LOG_MAX_LINES lines and only the last ones were read. */
  truncated: z.boolean(),
  events: z.array(kernelEventSchema),
});

export type KernelSubsystem = z.infer<typeof kernelSubsystemSchema>;
export type KernelEventKind = z.infer<typeof kernelEventKindSchema>;
export type KernelSeverity = z.infer<typeof kernelSeveritySchema>;
export type KernelEvent = z.infer<typeof kernelEventSchema>;
export type KernelLog = z.infer<typeof kernelLogSchema>;

type Classification = Omit<KernelEvent, "line" | "time" | "message" | "meaning"> & {
  meaning: string;
};

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
// `dmesg -H` prints "+0.000833"-style deltas under a "[Sep 6 13:01]" minute line.
const MONOTONIC = /^\[ *(\+?\d+\.\d+)(?: *<[^>]*>)? *\] ?(.*)$/;
const WALL_CLOCK =
  /^\[([A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}|[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2})\] ?(.*)$/;
const KERNEL_TAG = " kernel: ";

const DRBD9 = /^drbd ([^\s/:]+)(?:\/(\d+))?(?: (drbd\d+))?(?: ([^\s:]+))?: (.*)$/;
const DRBD8_DEVICE = /^block (drbd\d+): (.*)$/;
const DRBD8_CONNECTION = /^d-con ([^\s:]+): (.*)$/;
// The lookbehind lets only the start of a word begin a match, which keeps the scan linear.
const TRANSITION = /(?<![a-z-])([a-z][a-z-]*)\( ?(\w+) -> (\w+) ?\)/g;
// A helper's call or return ("exit code N (0x..)"); DRBD 8.4 adds the minor or resource argument.
const HELPER = /helper command: \S+ ([a-z-]+)(?: \S+)?(?: exit code \d+(?: \(0x[0-9a-f]+\))?)?$/;
const SPLIT_BRAIN_SOLVED = /(?:automatically|manually) (?:re)?solved/i;
const NODE_ID_MISMATCH = /^Peer (?:presented a|expects me to have a) node_id of \d+ instead of \d+/;
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

// Where a local copy drops to from UpToDate, besides Failed and Outdated (kinds of their own).
const DISK_DROPPED: ReadonlyMap<string, KernelEventKind> = new Map([
  ["Inconsistent", "disk-inconsistent"],
  ["Detaching", "disk-detached"],
  ["Diskless", "disk-detached"],
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
// Linux 5.6+ prints this when reading an ocfs2 debugfs lock listing (fixed upstream in
// "ocfs2: update seq_file index in ocfs2_dlm_seq_next"): a kernel notice, not an I/O error.
const SEQ_FILE_BUGGY =
  /^seq_file: buggy \.next function (\S+) \[(ocfs2\w*)\] did not update position index/;
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

/** Plain words per kind; a call site passes its own where the line says more. */
const MEANING: Record<KernelEventKind, string> = {
  "direct-io-failed": "A direct write to the OCFS2 volume failed: guests on it cannot write.",
  "read-only-remount":
    "The filesystem was switched to read-only after an error: nothing can write to it.",
  corruption:
    "OCFS2 found on-disk corruption: the volume needs fsck.ocfs2 while it is unmounted on every node.",
  "io-error": "A read or write to the disk failed.",
  "fs-error": "OCFS2 reported a filesystem error.",
  "split-brain": "DRBD found that both sides changed the data while disconnected (split brain).",
  "peer-disconnect":
    "The replication link to the peer went down: writes are not replicated over it.",
  "disk-failure":
    "This node's backing disk failed; DRBD detached it and serves I/O through its peers.",
  "disk-inconsistent":
    "This node's copy dropped from UpToDate to Inconsistent: it is not a usable copy until a resync completes.",
  "disk-detached":
    "This node's copy left UpToDate because its backing disk is detached: it reads and writes through its peers.",
  outdated: "This node's copy is marked Outdated: it no longer holds the latest data.",
  "unrelated-data":
    "The peer's data shares no history with this node's: DRBD refused to sync and dropped the connection; one side has to be discarded and fully resynced.",
  "node-id-mismatch":
    "The peer answered with another DRBD node id than this node expects: the connection fails until the node ids in both resource configurations agree.",
  "quorum-lost": "The resource lost DRBD quorum: I/O on this node is suspended or fails.",
  fencing: "DRBD is fencing its peer and may suspend I/O until the peer is outdated.",
  "heartbeat-timeout":
    "The OCFS2 disk heartbeat could not be written in time: the node may fence itself.",
  "node-recovery": "A node left the OCFS2 cluster and its journal or locks are being recovered.",
  "state-change-failed": "DRBD refused a requested state change.",
  "kernel-oops": "The kernel hit a bug (oops or panic); the node may be unstable.",
  mount: "An OCFS2 volume was mounted.",
  unmount: "An OCFS2 volume was unmounted.",
  "module-warning":
    "The kernel flagged a bug in the ocfs2 module's lock-debugging code: harmless to data and not an I/O error; kernels without the upstream fix print it, so it often marks a node whose kernel differs from its peers'.",
  "other-error": "An error message that is not classified further.",
};

function event(
  subsystem: KernelSubsystem,
  kind: KernelEventKind,
  severity: KernelSeverity,
  where: { resource?: string | null; device?: string | null; peer?: string | null } = {},
  meaning: string = MEANING[kind],
): Classification {
  return {
    subsystem,
    kind,
    severity,
    resource: where.resource ?? null,
    device: where.device ?? null,
    peer: where.peer ?? null,
    meaning,
  };
}

const SPLIT_BRAIN_DETECTED =
  "DRBD found that both sides changed the data while disconnected (split brain) and ran its initial-split-brain handler; its after-split-brain policies may still resolve it.";
const SPLIT_BRAIN_UNRESOLVED =
  "Split brain DRBD could not resolve: it dropped the connection, and each side holds changes the other lacks until an admin discards one side's.";
const SPLIT_BRAIN_RESOLVED =
  "Split brain resolved: one side's changes since the split are discarded and resynced from the other.";
const PRIMARY_LOST_AFTER_SB =
  "After a split brain DRBD chose to discard this Primary's changes and ran its pri-lost-after-sb handler (usually a reboot).";
const DRBD_IO_ERROR = "DRBD's backing disk returned an I/O error.";

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
    candidates.push(
      SPLIT_BRAIN_SOLVED.test(body)
        ? event("drbd", "split-brain", "warning", where, SPLIT_BRAIN_RESOLVED)
        : event("drbd", "split-brain", "critical", where, SPLIT_BRAIN_UNRESOLVED),
    );
  }
  const helper = HELPER.exec(body);
  if (helper) {
    const name = helper[1];
    // initial-split-brain runs on detection (after-sb may resolve it); split-brain when unresolved.
    if (name === "initial-split-brain")
      candidates.push(event("drbd", "split-brain", "warning", where, SPLIT_BRAIN_DETECTED));
    if (name === "split-brain")
      candidates.push(event("drbd", "split-brain", "critical", where, SPLIT_BRAIN_UNRESOLVED));
    if (name === "pri-lost-after-sb")
      candidates.push(event("drbd", "split-brain", "critical", where, PRIMARY_LOST_AFTER_SB));
    if (name === "fence-peer") candidates.push(event("drbd", "fencing", "warning", where));
    if (name === "local-io-error")
      candidates.push(event("drbd", "io-error", "critical", where, DRBD_IO_ERROR));
  }
  if (/IO ERROR|Local IO failed/.test(body)) {
    candidates.push(event("drbd", "io-error", "critical", where, DRBD_IO_ERROR));
  }
  if (body.startsWith("Unrelated data, aborting!")) {
    candidates.push(event("drbd", "unrelated-data", "critical", where));
  }
  if (NODE_ID_MISMATCH.test(body)) {
    candidates.push(event("drbd", "node-id-mismatch", "warning", where));
  }
  for (const transition of body.matchAll(TRANSITION)) {
    const [, field, from = "", to = ""] = transition;
    const dropped = field === "disk" && from === "UpToDate" ? DISK_DROPPED.get(to) : undefined;
    if (field === "conn" && CONNECTION_DOWN.has(to) && !CONNECTION_DOWN.has(from)) {
      candidates.push(event("drbd", "peer-disconnect", "warning", where));
    } else if (dropped !== undefined) {
      candidates.push(event("drbd", dropped, "warning", where));
    } else if (field === "disk" || field === "pdsk") {
      if (to === "Failed") {
        candidates.push(
          field === "disk"
            ? event("drbd", "disk-failure", "critical", where)
            : event("drbd", "disk-failure", "warning", where, "The peer's backing disk failed."),
        );
      } else if (to === "Outdated") {
        candidates.push(
          field === "disk"
            ? event("drbd", "outdated", "warning", where)
            : event("drbd", "outdated", "warning", where, "The peer's copy is marked Outdated."),
        );
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
    candidates.push(event("drbd", "other-error", "warning", where, "A DRBD error message."));
  }

  let best: Classification | null = null;
  for (const candidate of candidates) {
    if (best === null || SEVERITY_RANK[candidate.severity] > SEVERITY_RANK[best.severity]) {
      best = candidate;
    }
  }
  return best;
}

const SELF_FENCE = "OCFS2 is fencing (restarting) this node because it lost the cluster quorum.";
const O2NET_LOST = "The OCFS2 cluster network lost its connection to a peer node.";
const OCFS2_IO_ERROR = "OCFS2 got an I/O error from its disk.";

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
  if (/fencing this node/.test(body)) return event("o2quo", "fencing", "critical", {}, SELF_FENCE);
  if (isError && (/dio_end_io/.test(fn) || /Direct IO failed/i.test(body))) {
    return event("ocfs2", "direct-io-failed", "critical", where);
  }
  const timeout = HEARTBEAT_TIMEOUT.exec(body);
  if (timeout) {
    const target = timeout[1] ?? null;
    return event("o2hb", "heartbeat-timeout", "critical", { resource: target, device: target });
  }
  if (/no connection established|has been idle|no longer connected/i.test(body)) {
    return event(subsystem, "peer-disconnect", "warning", {}, O2NET_LOST);
  }
  if (!isError) return null;
  if (/status = -5\b|I\/O error/i.test(body))
    return event(subsystem, "io-error", "critical", where, OCFS2_IO_ERROR);
  return event(subsystem, "fs-error", "warning", where);
}

function classifyOcfs2(message: string, recentDevice: string | null): Classification | null {
  if (FENCE_SELF.test(message)) return event("o2quo", "fencing", "critical", {}, SELF_FENCE);
  if (SEQ_FILE_BUGGY.test(message)) return event("ocfs2", "module-warning", "warning");
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
    return event("o2net", "peer-disconnect", "warning", { peer }, O2NET_LOST);
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
    return event(subsystem, "other-error", "warning", {}, "An OCFS2 cluster-stack error message.");
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
      const { meaning, ...what } = classification;
      events.push({ line: lineNumber, time: stamped.time, ...what, message, meaning });
    }

    return ok({ lines: lines.length, truncated: start > 0, events });
  });
}
