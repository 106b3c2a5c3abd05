import {
  addFields,
  clientFlag,
  decimalOrNull,
  integerField,
  keyValue,
  resourceQuorum,
  stripAnsi,
  stripBom,
  suspendedReasons,
  unsignedOrNull,
  yesNo,
} from "./drbd-types";
import type {
  DrbdConnection,
  DrbdDevice,
  DrbdPeerDevice,
  DrbdResource,
  DrbdStatus,
} from "./drbd-types";
import { excerpt } from "./line-fields";
import { ParseError, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "drbdadm-status";

// By indentation: 0 resource, 2 volume or peer connection, 4 peer volume; drbdsetup wraps long
// lines at the terminal width (80 off a tty) and continues them 4 deeper (resource 4, volume and
// connection 6, peer volume 8), so any key may open a continuation line.

type Fields = Map<string, string>;

interface RawPeerDevice {
  line: number;
  fields: Fields;
}

interface RawConnection {
  line: number;
  name: string | null;
  fields: Fields;
  peerDevices: RawPeerDevice[];
}

interface RawDevice {
  line: number;
  fields: Fields;
}

interface RawResource {
  line: number;
  name: string;
  fields: Fields;
  devices: RawDevice[];
  connections: RawConnection[];
}

type Last =
  | { kind: "resource"; fields: Fields }
  | { kind: "device"; fields: Fields }
  | { kind: "connection"; fields: Fields }
  | { kind: "peer-device"; fields: Fields };

function lineError(line: number, message: string): ParseError {
  return new ParseError({ format: FORMAT, line, message });
}

function leadingWhitespace(line: string): number {
  let n = 0;
  while (n < line.length && (line[n] === " " || line[n] === "\t")) n++;
  return n;
}

/**
 * Parses `drbdadm status` / `drbdsetup status` text, including `--verbose --statistics` and the
 * DRBD-9-style text that drbd-utils 9 prints for an 8.4 kernel. Empty output = no resources.
 */
export function parseDrbdadmStatus(text: string): ParseResult<DrbdStatus> {
  return parseText(FORMAT, text, (input) => ok(parse(input)));
}

function parse(text: string): DrbdStatus {
  const lines = splitLines(stripBom(text));
  const raw: RawResource[] = [];
  let resource: RawResource | null = null;
  let connection: RawConnection | null = null;
  let last: Last | null = null;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = stripAnsi(lines[i] ?? "");
    const body = line.trim();
    // "# No currently configured DRBD found." is what drbdsetup prints when nothing is up.
    if (body === "" || body.startsWith("#")) continue;
    const indent = leadingWhitespace(line);
    const tokens = body.split(/\s+/);
    const first = tokens[0] ?? "";

    if (indent === 0) {
      if (first.startsWith("<")) {
        throw lineError(
          lineNo,
          "this is the XML status of DRBD 8.3 utilities; read /proc/drbd instead",
        );
      }
      if (first.includes(":")) {
        throw lineError(
          lineNo,
          `expected a resource line ("<name> role:..."), got "${excerpt(body)}"`,
        );
      }
      resource = { line: lineNo, name: first, fields: new Map(), devices: [], connections: [] };
      addFields(FORMAT, resource.fields, tokens.slice(1), lineNo);
      raw.push(resource);
      connection = null;
      last = { kind: "resource", fields: resource.fields };
      continue;
    }

    if (resource === null || last === null) {
      throw lineError(lineNo, `indented line before any resource line: "${excerpt(body)}"`);
    }

    if (indent < 4) {
      const kv = keyValue(first);
      if (kv && (kv.key === "volume" || kv.key === "disk")) {
        const device: RawDevice = { line: lineNo, fields: new Map() };
        addFields(FORMAT, device.fields, tokens, lineNo);
        resource.devices.push(device);
        connection = null;
        last = { kind: "device", fields: device.fields };
      } else if (kv && kv.key !== "node-id") {
        throw lineError(lineNo, `expected a volume or a peer connection, got "${excerpt(body)}"`);
      } else {
        // Connections without a configured name print "node-id:N" in the name's place.
        const named = kv === null;
        connection = {
          line: lineNo,
          name: named ? first : null,
          fields: new Map(),
          peerDevices: [],
        };
        addFields(FORMAT, connection.fields, named ? tokens.slice(1) : tokens, lineNo);
        resource.connections.push(connection);
        last = { kind: "connection", fields: connection.fields };
      }
      continue;
    }

    if (indent < 6 && last.kind !== "resource" && last.kind !== "device") {
      if (connection === null) throw lineError(lineNo, "peer volume line outside a connection");
      const peerDevice: RawPeerDevice = { line: lineNo, fields: new Map() };
      addFields(FORMAT, peerDevice.fields, tokens, lineNo);
      connection.peerDevices.push(peerDevice);
      last = { kind: "peer-device", fields: peerDevice.fields };
      continue;
    }

    addFields(FORMAT, last.fields, tokens, lineNo);
  }

  return { source: FORMAT, version: null, resources: raw.map(buildResource) };
}

function buildResource(raw: RawResource): DrbdResource {
  const role = raw.fields.get("role");
  if (role === undefined) {
    throw lineError(
      raw.line,
      `resource "${excerpt(raw.name)}" has no role (not drbdadm status output?)`,
    );
  }
  const suspended = raw.fields.get("suspended");
  const devices = raw.devices.map(buildDevice);
  return {
    name: raw.name,
    role,
    // drbdsetup prints "suspended:" whenever I/O is suspended, so its absence means running.
    suspended: suspended === undefined ? false : suspended !== "no",
    suspendedReasons: suspended === undefined ? [] : suspendedReasons(suspended),
    quorum: resourceQuorum(devices),
    nodeId: integerField(FORMAT, raw.fields, "node-id", raw.line),
    writeOrdering: raw.fields.get("write-ordering") ?? null,
    devices,
    connections: raw.connections.map(buildConnection),
  };
}

function buildDevice(raw: RawDevice): DrbdDevice {
  const diskState = raw.fields.get("disk");
  if (diskState === undefined) throw lineError(raw.line, "volume line has no disk state");
  const client = yesNo(raw.fields.get("client"));
  return {
    // A single volume 0 is printed without "volume:".
    volume: integerField(FORMAT, raw.fields, "volume", raw.line) ?? 0,
    minor: integerField(FORMAT, raw.fields, "minor", raw.line),
    diskState,
    client: clientFlag(client, diskState),
    quorum: yesNo(raw.fields.get("quorum")),
    donePercent: decimalOrNull(raw.fields.get("done")),
    sizeKiB: unsignedOrNull(raw.fields.get("size")),
  };
}

function buildConnection(raw: RawConnection): DrbdConnection {
  // Without --verbose, "connection:" is printed only when it is not Connected.
  const connectionState = raw.fields.get("connection") ?? "Connected";
  return {
    peerName: raw.name,
    peerNodeId: integerField(FORMAT, raw.fields, "node-id", raw.line),
    connectionState,
    peerRole: raw.fields.get("role") ?? null,
    congested: yesNo(raw.fields.get("congested")),
    peerDevices: raw.peerDevices.map((peerDevice) => buildPeerDevice(peerDevice, connectionState)),
  };
}

function buildPeerDevice(raw: RawPeerDevice, connectionState: string): DrbdPeerDevice {
  const peerDiskState = raw.fields.get("peer-disk") ?? null;
  const peerClient = yesNo(raw.fields.get("peer-client"));
  return {
    volume: integerField(FORMAT, raw.fields, "volume", raw.line) ?? 0,
    // Without --verbose, "replication:" is printed only past Established.
    replicationState:
      raw.fields.get("replication") ?? (connectionState === "Connected" ? "Established" : null),
    peerDiskState,
    donePercent: decimalOrNull(raw.fields.get("done")),
    peerClient: clientFlag(peerClient, peerDiskState),
    outOfSyncKiB: unsignedOrNull(raw.fields.get("out-of-sync")),
    resyncSuspended: raw.fields.get("resync-suspended") ?? null,
  };
}
