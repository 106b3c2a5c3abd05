import {
  PROGRESS_REPLICATION_STATES,
  addFields,
  clientFlag,
  decimalOrNull,
  integerField,
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

const FORMAT = "drbdsetup-events2";

const ACTIONS = new Set(["exists", "create", "change", "destroy", "call", "response"]);
const OBJECTS = new Set(["resource", "device", "connection", "peer-device", "path", "helper"]);
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:[+-]\d\d:?\d\d|Z)?$/;

type Fields = Map<string, string>;

interface PeerDeviceState {
  volume: number | null;
  replicationState: string | null;
  peerDiskState: string | null;
  donePercent: number | null;
  peerClient: boolean | null;
  outOfSyncKiB: number | null;
  resyncSuspended: string | null;
}

interface ConnectionState {
  peerName: string | null;
  peerNodeId: number | null;
  connectionState: string;
  peerRole: string | null;
  congested: boolean | null;
  splitBrain: boolean;
  peerDevices: Map<string, PeerDeviceState>;
}

interface DeviceState {
  volume: number | null;
  minor: number | null;
  diskState: string;
  client: boolean | null;
  quorum: boolean | null;
  sizeKiB: number | null;
}

interface ResourceState {
  name: string;
  role: string;
  suspended: string | null;
  writeOrdering: string | null;
  splitBrain: boolean;
  devices: Map<string, DeviceState>;
  connections: Map<string, ConnectionState>;
  /** conn-name -> key in `connections`, for events that carry the name but not the node id. */
  connectionKeyByName: Map<string, string>;
}

function lineError(line: number, message: string): ParseError {
  return new ParseError({ format: FORMAT, line, message });
}

/**
 * Parses `drbdsetup events2` output: the `--now` snapshot ("exists ..." lines ending with
 * "exists -") or a (timestamped) event stream, applied in order to reach the final state.
 * Empty output = no resources configured.
 */
export function parseDrbdsetupEvents2(text: string): ParseResult<DrbdStatus> {
  return parseText(FORMAT, text, (input) => ok(parse(input)));
}

function parse(text: string): DrbdStatus {
  const lines = splitLines(stripBom(text));
  const resources = new Map<string, ResourceState>();
  let initialStateComplete = false;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const body = stripAnsi(lines[i] ?? "").trim();
    if (body === "") continue;
    const tokens = body.split(/\s+/);
    if (TIMESTAMP.test(tokens[0] ?? "")) tokens.shift();
    const action = tokens[0] ?? "";
    const object = tokens[1] ?? "";

    // "- skipped N": events were lost; the following ones still apply to what is known.
    if (action === "-") continue;
    if (object === "-") {
      if (action === "exists") initialStateComplete = true;
      else if (!ACTIONS.has(action))
        throw lineError(lineNo, `not an events2 line: "${excerpt(body)}"`);
      continue;
    }
    const knownAction = ACTIONS.has(action);
    const knownObject = OBJECTS.has(object);
    if (!knownAction && !knownObject) {
      throw lineError(lineNo, `not an events2 line: "${excerpt(body)}"`);
    }

    const fields: Fields = new Map();
    addFields(FORMAT, fields, tokens.slice(2), lineNo);
    // Tolerate event kinds newer than this parser: they carry nothing it could use.
    if (!knownAction || !knownObject || object === "path") continue;

    const name = fields.get("name");
    if (name === undefined || name === "") throw lineError(lineNo, `${object} event without name:`);
    applyEvent(resources, action, object, name, fields, lineNo);
  }

  return {
    source: FORMAT,
    version: null,
    resources: [...resources.values()].map(buildResource),
    initialStateComplete,
  };
}

function newResource(name: string): ResourceState {
  return {
    name,
    role: "Unknown",
    suspended: null,
    writeOrdering: null,
    splitBrain: false,
    devices: new Map(),
    connections: new Map(),
    connectionKeyByName: new Map(),
  };
}

function applyEvent(
  resources: Map<string, ResourceState>,
  action: string,
  object: string,
  name: string,
  fields: Fields,
  line: number,
): void {
  const fresh = action === "exists" || action === "create";
  if (object === "resource") {
    if (action === "destroy") {
      resources.delete(name);
      return;
    }
    let resource = resources.get(name);
    if (resource === undefined || fresh) {
      resource = newResource(name);
      resources.set(name, resource);
    }
    resource.role = fields.get("role") ?? resource.role;
    resource.suspended = fields.get("suspended") ?? resource.suspended;
    resource.writeOrdering = fields.get("write-ordering") ?? resource.writeOrdering;
    return;
  }

  let resource = resources.get(name);
  if (resource === undefined) {
    if (action === "destroy" || action === "response") return;
    // The capture started after this resource was announced.
    resource = newResource(name);
    resources.set(name, resource);
  }

  if (object === "device") applyDevice(resource, action, fields, line);
  else if (object === "connection") applyConnection(resource, action, fields, line);
  else if (object === "peer-device") applyPeerDevice(resource, action, fields, line);
  else if (object === "helper" && action === "call") applyHelper(resource, fields, line);
}

function applyDevice(resource: ResourceState, action: string, fields: Fields, line: number): void {
  const volume = integerField(FORMAT, fields, "volume", line);
  const minor = integerField(FORMAT, fields, "minor", line);
  if (volume === null && minor === null)
    throw lineError(line, "device event without volume: or minor:");
  const key = volume !== null ? `v:${volume}` : `m:${minor}`;
  if (action === "destroy") {
    resource.devices.delete(key);
    return;
  }
  let device = resource.devices.get(key);
  if (device === undefined || action === "exists" || action === "create") {
    device = { volume, minor, diskState: "DUnknown", client: null, quorum: null, sizeKiB: null };
    resource.devices.set(key, device);
  }
  if (minor !== null) device.minor = minor;
  device.diskState = fields.get("disk") ?? device.diskState;
  device.client = yesNo(fields.get("client")) ?? device.client;
  device.quorum = yesNo(fields.get("quorum")) ?? device.quorum;
  device.sizeKiB = unsignedOrNull(fields.get("size")) ?? device.sizeKiB;
}

interface PeerRef {
  key: string;
  peerNodeId: number | null;
  peerName: string | null;
}

function peerRef(resource: ResourceState, fields: Fields, line: number): PeerRef | null {
  const peerNodeId = integerField(FORMAT, fields, "peer-node-id", line);
  const peerName = fields.get("conn-name") ?? null;
  const byName = peerName === null ? undefined : resource.connectionKeyByName.get(peerName);
  if (peerNodeId !== null) {
    const key = `id:${peerNodeId}`;
    return { key: resource.connections.has(key) ? key : (byName ?? key), peerNodeId, peerName };
  }
  if (peerName === null) return null;
  return { key: byName ?? `name:${peerName}`, peerNodeId, peerName };
}

function findOrAddConnection(
  resource: ResourceState,
  ref: PeerRef,
  fresh: boolean,
): ConnectionState {
  let connection = resource.connections.get(ref.key);
  if (connection === undefined || fresh) {
    connection = {
      peerName: ref.peerName,
      peerNodeId: ref.peerNodeId,
      connectionState: "Unknown",
      peerRole: null,
      congested: null,
      splitBrain: false,
      peerDevices: new Map(),
    };
    resource.connections.set(ref.key, connection);
  }
  if (ref.peerName !== null) {
    connection.peerName = ref.peerName;
    resource.connectionKeyByName.set(ref.peerName, ref.key);
  }
  if (ref.peerNodeId !== null) connection.peerNodeId = ref.peerNodeId;
  return connection;
}

function applyConnection(
  resource: ResourceState,
  action: string,
  fields: Fields,
  line: number,
): void {
  const ref = peerRef(resource, fields, line);
  if (ref === null) throw lineError(line, "connection event without peer-node-id: or conn-name:");
  if (action === "destroy") {
    resource.connections.delete(ref.key);
    if (ref.peerName !== null) resource.connectionKeyByName.delete(ref.peerName);
    return;
  }
  const connection = findOrAddConnection(resource, ref, action === "exists" || action === "create");
  const state = fields.get("connection");
  if (state !== undefined) {
    connection.connectionState = state;
    // A split brain is detected before the connection reaches Connected; reaching it again means
    // the peers agreed on a resync (after-sb policy or manual recovery).
    if (state === "Connected") connection.splitBrain = false;
  }
  connection.peerRole = fields.get("role") ?? connection.peerRole;
  connection.congested = yesNo(fields.get("congested")) ?? connection.congested;
}

function applyPeerDevice(
  resource: ResourceState,
  action: string,
  fields: Fields,
  line: number,
): void {
  const ref = peerRef(resource, fields, line);
  if (ref === null) throw lineError(line, "peer-device event without peer-node-id: or conn-name:");
  const volume = integerField(FORMAT, fields, "volume", line);
  if (volume === null) throw lineError(line, "peer-device event without volume:");
  const key = `v:${volume}`;
  if (action === "destroy") {
    resource.connections.get(ref.key)?.peerDevices.delete(key);
    return;
  }
  const connection = findOrAddConnection(resource, ref, false);
  let peerDevice = connection.peerDevices.get(key);
  if (peerDevice === undefined || action === "exists" || action === "create") {
    peerDevice = {
      volume,
      replicationState: null,
      peerDiskState: null,
      donePercent: null,
      peerClient: null,
      outOfSyncKiB: null,
      resyncSuspended: null,
    };
    connection.peerDevices.set(key, peerDevice);
  }
  const replication = fields.get("replication");
  if (replication !== undefined) {
    peerDevice.replicationState = replication;
    if (!PROGRESS_REPLICATION_STATES.has(replication)) peerDevice.donePercent = null;
  }
  const done = decimalOrNull(fields.get("done"));
  if (
    done !== null &&
    (peerDevice.replicationState === null ||
      PROGRESS_REPLICATION_STATES.has(peerDevice.replicationState))
  ) {
    peerDevice.donePercent = done;
  }
  peerDevice.peerDiskState = fields.get("peer-disk") ?? peerDevice.peerDiskState;
  peerDevice.peerClient = yesNo(fields.get("peer-client")) ?? peerDevice.peerClient;
  peerDevice.outOfSyncKiB = unsignedOrNull(fields.get("out-of-sync")) ?? peerDevice.outOfSyncKiB;
  peerDevice.resyncSuspended = fields.get("resync-suspended") ?? peerDevice.resyncSuspended;
}

/** "initial-split-brain" runs when DRBD detects a split brain, "split-brain" when it stays unresolved. */
function applyHelper(resource: ResourceState, fields: Fields, line: number): void {
  const helper = fields.get("helper") ?? "";
  if (helper !== "split-brain" && helper !== "initial-split-brain") return;
  const ref = peerRef(resource, fields, line);
  if (ref === null) {
    resource.splitBrain = true;
    return;
  }
  findOrAddConnection(resource, ref, false).splitBrain = true;
}

function buildResource(state: ResourceState): DrbdResource {
  const devices: DrbdDevice[] = [...state.devices.values()].map((device) => ({
    volume: device.volume,
    minor: device.minor,
    diskState: device.diskState,
    client: clientFlag(device.client, device.diskState),
    quorum: device.quorum,
    donePercent: null,
    sizeKiB: device.sizeKiB,
  }));
  const resource: DrbdResource = {
    name: state.name,
    role: state.role,
    suspended: state.suspended === null ? null : state.suspended !== "no",
    suspendedReasons: state.suspended === null ? [] : suspendedReasons(state.suspended),
    quorum: resourceQuorum(devices),
    nodeId: null,
    writeOrdering: state.writeOrdering,
    devices,
    connections: [...state.connections.values()].map(buildConnection),
  };
  if (state.splitBrain) resource.splitBrain = true;
  return resource;
}

function buildConnection(state: ConnectionState): DrbdConnection {
  const connection: DrbdConnection = {
    peerName: state.peerName,
    peerNodeId: state.peerNodeId,
    connectionState: state.connectionState,
    peerRole: state.peerRole,
    congested: state.congested,
    peerDevices: [...state.peerDevices.values()].map((peerDevice): DrbdPeerDevice => ({
      volume: peerDevice.volume,
      replicationState: peerDevice.replicationState,
      peerDiskState: peerDevice.peerDiskState,
      donePercent: peerDevice.donePercent,
      peerClient: clientFlag(peerDevice.peerClient, peerDevice.peerDiskState),
      outOfSyncKiB: peerDevice.outOfSyncKiB,
      resyncSuspended: peerDevice.resyncSuspended,
    })),
  };
  if (state.splitBrain) connection.splitBrain = true;
  return connection;
}
