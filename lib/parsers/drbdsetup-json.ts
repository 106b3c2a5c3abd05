import { clientFlag, resourceQuorum, stripBom } from "./drbd-types";
import type {
  DrbdConnection,
  DrbdDevice,
  DrbdPeerDevice,
  DrbdResource,
  DrbdStatus,
} from "./drbd-types";
import { ParseError, ok, parseText } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "drbdsetup-json";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function structureError(path: string, message: string): ParseError {
  return new ParseError({ format: FORMAT, line: null, message: `${path}: ${message}` });
}

function own(object: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

function requiredString(object: JsonObject, key: string, path: string): string {
  const value = own(object, key);
  if (typeof value !== "string") {
    throw structureError(path, `"${key}" is ${value === undefined ? "missing" : "not a string"}`);
  }
  return value;
}

function optionalString(object: JsonObject, key: string, path: string): string | null {
  const value = own(object, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw structureError(path, `"${key}" is not a string`);
  return value;
}

function optionalBoolean(object: JsonObject, key: string, path: string): boolean | null {
  const value = own(object, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== "boolean") throw structureError(path, `"${key}" is not true or false`);
  return value;
}

function optionalNumber(object: JsonObject, key: string, path: string): number | null {
  const value = own(object, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw structureError(path, `"${key}" is not a number`);
  }
  return value;
}

/** Ids and counters; drbdsetup prints -1 for "not known". */
function optionalId(object: JsonObject, key: string, path: string): number | null {
  const value = optionalNumber(object, key, path);
  if (value === null || value < 0) return null;
  if (!Number.isInteger(value)) throw structureError(path, `"${key}" is not a whole number`);
  return value;
}

function optionalArray(object: JsonObject, key: string, path: string): unknown[] {
  const value = own(object, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw structureError(path, `"${key}" is not an array`);
  return value;
}

function asObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw structureError(path, "is not an object");
  return value;
}

/**
 * Parses `drbdsetup status --json [--verbose --statistics]` (DRBD 9): an array of resources.
 * The text is untrusted: every field used is type-checked, unknown fields are ignored.
 */
export function parseDrbdsetupJson(text: string): ParseResult<DrbdStatus> {
  return parseText(FORMAT, text, (input) => ok(parse(input)));
}

function parse(text: string): DrbdStatus {
  const body = stripBom(text);
  if (body.trim() === "") {
    throw new ParseError({
      format: FORMAT,
      line: null,
      message: "empty input (drbdsetup status --json prints [] when nothing is configured)",
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const offset = syntaxErrorOffset(body);
    throw new ParseError({
      format: FORMAT,
      line: offset < 0 ? null : lineAt(body, offset),
      message: `invalid JSON: ${detail.length > 160 ? `${detail.slice(0, 160)}...` : detail}`,
    });
  }
  if (!Array.isArray(data)) {
    throw new ParseError({
      format: FORMAT,
      line: 1,
      message: "expected a JSON array of resources",
    });
  }
  return {
    source: FORMAT,
    version: null,
    resources: data.map((entry, index) => buildResource(entry, `resources[${index}]`)),
  };
}

function buildResource(entry: unknown, at: string): DrbdResource {
  const object = asObject(entry, at);
  const name = requiredString(object, "name", at);
  const path = `${at} ("${name.length > 60 ? `${name.slice(0, 60)}...` : name}")`;
  const devices = optionalArray(object, "devices", path).map((device, index) =>
    buildDevice(device, `${path}.devices[${index}]`),
  );
  const fromDevices = resourceQuorum(devices);
  const stated = optionalBoolean(object, "quorum", path);
  return {
    name,
    role: requiredString(object, "role", path),
    suspended: optionalBoolean(object, "suspended", path),
    quorum: stated === false || fromDevices === false ? false : (stated ?? fromDevices),
    nodeId: optionalId(object, "node-id", path),
    writeOrdering: optionalString(object, "write-ordering", path),
    devices,
    connections: optionalArray(object, "connections", path).map((connection, index) =>
      buildConnection(connection, `${path}.connections[${index}]`),
    ),
  };
}

function buildDevice(entry: unknown, path: string): DrbdDevice {
  const object = asObject(entry, path);
  const diskState = requiredString(object, "disk-state", path);
  const client = optionalBoolean(object, "client", path);
  return {
    volume: optionalId(object, "volume", path),
    minor: optionalId(object, "minor", path),
    diskState,
    client: clientFlag(client, diskState),
    quorum: optionalBoolean(object, "quorum", path),
    donePercent: null,
    sizeKiB: optionalId(object, "size", path),
  };
}

function buildConnection(entry: unknown, path: string): DrbdConnection {
  const object = asObject(entry, path);
  // drbd-utils prints "peer_devices" with an underscore; accept the dashed spelling too.
  const peerDevicesKey =
    own(object, "peer_devices") !== undefined ? "peer_devices" : "peer-devices";
  return {
    peerName: optionalString(object, "name", path),
    peerNodeId: optionalId(object, "peer-node-id", path),
    connectionState: requiredString(object, "connection-state", path),
    peerRole: optionalString(object, "peer-role", path),
    congested: optionalBoolean(object, "congested", path),
    peerDevices: optionalArray(object, peerDevicesKey, path).map((peerDevice, index) =>
      buildPeerDevice(peerDevice, `${path}.${peerDevicesKey}[${index}]`),
    ),
  };
}

function buildPeerDevice(entry: unknown, path: string): DrbdPeerDevice {
  const object = asObject(entry, path);
  const peerDiskState = optionalString(object, "peer-disk-state", path);
  const peerClient = optionalBoolean(object, "peer-client", path);
  return {
    volume: optionalId(object, "volume", path),
    replicationState: optionalString(object, "replication-state", path),
    peerDiskState,
    // Printed only while a resync or verify runs.
    donePercent: optionalNumber(object, "percent-resync-done", path),
    peerClient: clientFlag(peerClient, peerDiskState),
    outOfSyncKiB: optionalId(object, "out-of-sync", path),
    resyncSuspended: optionalString(object, "resync-suspended", path),
  };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Returns the end of the string literal starting at `start`, or -(offset + 1) of its error. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code < 0x20) return -(i + 1);
    if (code === 92) {
      const next = text.charAt(i + 1);
      if (next === "u") {
        if (!HEX4.test(text.slice(i + 2, i + 6))) return -(i + 1);
        i += 6;
      } else if (ESCAPES.has(next)) {
        i += 2;
      } else {
        return -(i + 1);
      }
    } else {
      i++;
    }
  }
  return -(text.length + 1);
}

type Expect = "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "commaOrClose" | "end";

/**
 * Offset of the first JSON syntax error, or -1. Node's JSON.parse does not always say where
 * ("Unexpected token ..."), so the error path re-scans the text once, iteratively.
 */
function syntaxErrorOffset(text: string): number {
  const stack: string[] = [];
  let expect: Expect = "value";
  let i = 0;
  const afterValue = (): Expect => (stack.length === 0 ? "end" : "commaOrClose");

  for (;;) {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
    if (i >= text.length) return expect === "end" ? -1 : text.length;
    const c = text.charAt(i);

    if (expect === "end") return i;
    if (expect === "colon") {
      if (c !== ":") return i;
      i++;
      expect = "value";
      continue;
    }
    if (expect === "commaOrClose") {
      const open = stack[stack.length - 1];
      if (c === ",") {
        i++;
        expect = open === "{" ? "key" : "value";
      } else if ((open === "{" && c === "}") || (open === "[" && c === "]")) {
        stack.pop();
        i++;
        expect = afterValue();
      } else {
        return i;
      }
      continue;
    }
    if (expect === "key" || expect === "keyOrClose") {
      if (expect === "keyOrClose" && c === "}") {
        stack.pop();
        i++;
        expect = afterValue();
        continue;
      }
      if (c !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = "colon";
      continue;
    }
    // expect is "value" or "valueOrClose"
    if (expect === "valueOrClose" && c === "]") {
      stack.pop();
      i++;
      expect = afterValue();
      continue;
    }
    if (c === "{" || c === "[") {
      stack.push(c);
      i++;
      expect = c === "{" ? "keyOrClose" : "valueOrClose";
      continue;
    }
    if (c === '"') {
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = afterValue();
      continue;
    }
    const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
    if (literal !== undefined) {
      i += literal.length;
      expect = afterValue();
      continue;
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      expect = afterValue();
      continue;
    }
    return i;
  }
}
