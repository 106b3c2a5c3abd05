import { keyValue, stripAnsi, stripBom, unsignedOrNull } from "./drbd-types";
import type { DrbdResource, DrbdStatus } from "./drbd-types";
import { excerpt } from "./line-fields";
import { ParseError, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "proc-drbd";

const VERSION = /^version:\s+(\S+)/;
const MINOR = /^\s{0,8}(\d{1,10}):\s+(cs:\S.*)$/;
const PROGRESS = /(?:sync'ed|verified):\s{0,8}(\d{1,3}(?:\.\d{1,6})?)%/;
const PROTOCOL = /^[A-C]$/;
const IO_FLAGS = /^[rs][-a-z]{3,9}$/;

/**
 * DRBD 8 "cs:" words that are connection states; every other word (Connected, SyncSource,
 * PausedSyncT, WFBitMapS...) means the link is up and names the replication state.
 */
const CONNECTION_STATES = new Set([
  "StandAlone",
  "Disconnecting",
  "Unconnected",
  "Timeout",
  "BrokenPipe",
  "NetworkFailure",
  "ProtocolError",
  "TearDown",
  "WFConnection",
  "WFReportParams",
]);

const WRITE_ORDERING: Record<string, string> = { b: "barrier", f: "flush", d: "drain", n: "none" };

interface Minor {
  minor: number;
  fields: Map<string, string>;
  protocol: string | null;
  ioFlags: string | null;
  stats: Map<string, string>;
  donePercent: number | null;
}

function lineError(line: number | null, message: string): ParseError {
  return new ParseError({ format: FORMAT, line, message });
}

/**
 * Parses /proc/drbd of DRBD 0.7, 8.3 and 8.4 (DRBD 9 prints only the version there). Resource
 * names are not printed: each minor N becomes resource "minor-N" with one device and one peer.
 */
export function parseProcDrbd(text: string): ParseResult<DrbdStatus> {
  return parseText(FORMAT, text, (input) => ok(parse(input)));
}

function parse(text: string): DrbdStatus {
  const lines = splitLines(stripBom(text));
  let version: string | null = null;
  const minors: Minor[] = [];
  const unconfiguredMinors: number[] = [];
  let current: Minor | null = null;
  let sawMinor = false;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = stripAnsi(lines[i] ?? "");
    const body = line.trim();
    if (body === "") continue;

    const minorMatch = MINOR.exec(line);
    if (minorMatch) {
      sawMinor = true;
      current = parseMinorLine(Number(minorMatch[1]), minorMatch[2] ?? "");
      if (current.fields.get("cs") === "Unconfigured") {
        unconfiguredMinors.push(current.minor);
        current = null;
      } else {
        minors.push(current);
      }
      continue;
    }

    if (/^\s/.test(line)) {
      if (!sawMinor) throw lineError(lineNo, `indented line before any minor: "${excerpt(body)}"`);
      if (current !== null) parseDetailLine(current, body);
      continue;
    }

    const versionMatch = VERSION.exec(body);
    if (versionMatch && version === null && !sawMinor) {
      version = versionMatch[1] ?? null;
      continue;
    }
    // GIT-hash:, srcversion:, DRBD 9's "Transports (api:..)": header lines after the version.
    if (version !== null && !sawMinor) continue;
    throw lineError(lineNo, `not a /proc/drbd line: "${excerpt(body)}"`);
  }

  if (version === null && !sawMinor) {
    throw lineError(null, 'no "version:" line and no minors: not /proc/drbd output');
  }
  return {
    source: FORMAT,
    version,
    resources: minors.map(buildResource),
    unconfiguredMinors,
  };
}

function parseMinorLine(minor: number, rest: string): Minor {
  // Tokens that are neither key:value, protocol nor I/O flags are skipped, not refused.
  const parsed: Minor = {
    minor,
    fields: new Map(),
    protocol: null,
    ioFlags: null,
    stats: new Map(),
    donePercent: null,
  };
  for (const token of rest.split(/\s+/)) {
    if (token === "") continue;
    const kv = keyValue(token);
    if (kv) parsed.fields.set(kv.key, kv.value);
    else if (PROTOCOL.test(token)) parsed.protocol = token;
    else if (IO_FLAGS.test(token)) parsed.ioFlags = token;
  }
  return parsed;
}

function parseDetailLine(minor: Minor, body: string): void {
  const progress = PROGRESS.exec(body);
  if (progress) {
    minor.donePercent = Number(progress[1]);
    return;
  }
  // "ns:.. nr:.. oos:.."; other detail lines (finish:, resync:, act_log:) carry nothing used here.
  if (!body.startsWith("ns:")) return;
  for (const token of body.split(/\s+/)) {
    const kv = keyValue(token);
    if (kv) minor.stats.set(kv.key, kv.value);
  }
}

function pair(value: string | undefined): [string | null, string | null] {
  if (value === undefined) return [null, null];
  const slash = value.indexOf("/");
  if (slash < 0) return [value, null];
  return [value.slice(0, slash), value.slice(slash + 1)];
}

function resyncSuspended(ioFlags: string | null): string | null {
  if (ioFlags === null) return null;
  // Flags 2-4 are the DRBD 8 resync pause reasons: a(fter dependency), p(eer), u(ser).
  const reasons: string[] = [];
  if (ioFlags[1] === "a") reasons.push("dependency");
  if (ioFlags[2] === "p") reasons.push("peer");
  if (ioFlags[3] === "u") reasons.push("user");
  return reasons.length === 0 ? "no" : reasons.join(",");
}

function buildResource(minor: Minor): DrbdResource {
  const cs = minor.fields.get("cs") ?? "Unknown";
  // DRBD 0.7 prints "st:" for the roles and "ld:" (local data) for the local disk only.
  const [role, peerRole] = pair(minor.fields.get("ro") ?? minor.fields.get("st"));
  const [disk, peerDisk] = pair(minor.fields.get("ds") ?? minor.fields.get("ld"));
  const linkUp = !CONNECTION_STATES.has(cs);
  // drbd-utils 9 reports an 8.4 kernel's plain "Connected" as replication "Established".
  const replicationState = linkUp ? (cs === "Connected" ? "Established" : cs) : "Off";
  const syncTarget = replicationState === "SyncTarget" || replicationState === "PausedSyncT";
  const writeOrdering = minor.stats.get("wo");

  return {
    name: `minor-${minor.minor}`,
    role: role ?? "Unknown",
    suspended: minor.ioFlags === null ? null : minor.ioFlags.startsWith("s"),
    quorum: null,
    nodeId: null,
    writeOrdering:
      writeOrdering === undefined ? null : (WRITE_ORDERING[writeOrdering] ?? writeOrdering),
    devices: [
      {
        volume: null,
        minor: minor.minor,
        diskState: disk ?? "DUnknown",
        // DRBD 8 has no intentionally diskless clients.
        client: false,
        quorum: null,
        donePercent: syncTarget ? minor.donePercent : null,
        sizeKiB: null,
      },
    ],
    connections: [
      {
        peerName: null,
        peerNodeId: null,
        connectionState: linkUp ? "Connected" : cs,
        peerRole,
        congested: null,
        protocol: minor.protocol,
        peerDevices: [
          {
            volume: null,
            replicationState,
            peerDiskState: peerDisk,
            donePercent: linkUp ? minor.donePercent : null,
            peerClient: false,
            outOfSyncKiB: unsignedOrNull(minor.stats.get("oos")),
            resyncSuspended: resyncSuspended(minor.ioFlags),
          },
        ],
      },
    ],
  };
}
