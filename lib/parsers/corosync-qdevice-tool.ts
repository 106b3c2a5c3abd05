import { z } from "zod";
import {
  excerpt,
  outputLines,
  parseCount,
  parseYesNo,
  putEntry,
  readField,
  sectionTitle,
  toolLines,
} from "./line-fields";
import { detail, detailEntries, detailList } from "./output-schema";
import { LineError, fail, ok, parseText } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "corosync-qdevice-tool";

const qdeviceConfiguredNodeSchema = z.object({
  nodeId: z.number(),
  /** Only printed by versions that list node addresses. */
  address: z.string().optional(),
  /** Only printed when the node has a non-zero data center id. */
  dataCenterId: z.number().optional(),
});

const qdeviceQuorumNodeSchema = z.object({
  nodeId: z.number(),
  /** votequorum node state as printed: member, dead, leaving. */
  state: z.string(),
});

export const qdeviceStatusSchema = z.object({
  /** Qdevice-net "State:" as printed: Connected, Connecting, Connect failed, Disconnected. */
  state: z.string().nullable(),
  connected: z.boolean(),
  /** Whether the device casts its vote: "(cast vote)" on the poll timer line, else on the last poll call. */
  castVote: z.boolean().nullable(),
  algorithm: z.string().nullable(),
  tieBreaker: z.string().nullable(),
  /** "QNetd host:" as printed (host:port). */
  qnetdHost: z.string().nullable(),
  model: detail(z.string()),
  nodeId: detail(z.number()),
  clusterName: detail(z.string()),
  /** Qdevice heartbeat to votequorum, milliseconds ("HB interval" under Qdevice information). */
  heartbeatInterval: detail(z.number()),
  /** "Sync HB interval", milliseconds. */
  syncHeartbeatInterval: detail(z.number()),
  /** Heartbeat to qnetd, milliseconds ("HB interval" under Qdevice-net information). */
  netHeartbeatInterval: detail(z.number()),
  connectTimeout: detail(z.number()),
  configuredNodeList: detailList(qdeviceConfiguredNodeSchema),
  membershipNodeList: detailList(z.number()),
  quorumNodeList: detailList(qdeviceQuorumNodeSchema),
  ringId: detail(z.string()),
  quorate: detail(z.boolean()),
  expectedVotes: detail(z.number()),
  heuristics: detail(z.string()),
  heuristicsResult: detail(z.string()),
  kapTieBreaker: detail(z.string()),
  tls: detail(z.string()),
  tlsActive: detail(z.string()),
  pollTimerRunning: detail(z.boolean()),
  lastPollCall: detail(z.string()),
  connectedSince: detail(z.string()),
  echoReplyReceived: detail(z.string()),
  extra: detailEntries(),
});

export type QdeviceConfiguredNode = z.infer<typeof qdeviceConfiguredNodeSchema>;
export type QdeviceQuorumNode = z.infer<typeof qdeviceQuorumNodeSchema>;
export type QdeviceStatus = z.infer<typeof qdeviceStatusSchema>;

type Section = "qdevice" | "net" | "other" | null;
type ListName = "configured" | "quorum" | null;

const KNOWN_HEADERS: Record<string, NonNullable<Section>> = {
  "Qdevice information": "qdevice",
  "Qdevice-net information": "net",
};

const MILLISECONDS = /^(\d{1,10})ms$/;
const LIST_ROW = /^(\d{1,10})\s+Node ID = (\d{1,10})(.*)$/;
const CAST_VOTE = " (cast vote)";

function parseMs(value: string, what: string, line: number): number {
  const match = MILLISECONDS.exec(value);
  if (!match) throw new LineError(line, `${what} is not a duration in ms: "${excerpt(value)}"`);
  return Number(match[1]);
}

function emptyStatus(): QdeviceStatus {
  return {
    state: null,
    connected: false,
    castVote: null,
    algorithm: null,
    tieBreaker: null,
    qnetdHost: null,
    model: null,
    nodeId: null,
    clusterName: null,
    heartbeatInterval: null,
    syncHeartbeatInterval: null,
    netHeartbeatInterval: null,
    connectTimeout: null,
    configuredNodeList: [],
    membershipNodeList: [],
    quorumNodeList: [],
    ringId: null,
    quorate: null,
    expectedVotes: null,
    heuristics: null,
    heuristicsResult: null,
    kapTieBreaker: null,
    tls: null,
    tlsActive: null,
    pollTimerRunning: null,
    lastPollCall: null,
    connectedSince: null,
    echoReplyReceived: null,
    extra: {},
  };
}

export function parseCorosyncQdeviceTool(text: string): ParseResult<QdeviceStatus> {
  return parseText(FORMAT, text, parse);
}

function parse(text: string): ParseResult<QdeviceStatus> {
  const lines = outputLines(text);

  const out = emptyStatus();
  let section: Section = null;
  let list: ListName = null;
  let sawQdeviceHeader = false;
  let sawNetHeader = false;
  let recognised = 0;
  let pollCastVote: boolean | null = null;
  let lastPollCastVote: boolean | null = null;

  for (const toolLine of toolLines(lines)) {
    const { line, lineNo } = toolLine;
    const title: Section | undefined = sectionTitle(
      toolLine,
      KNOWN_HEADERS,
      section !== null,
      '"Qdevice information"',
    );
    if (title !== undefined) {
      section = title;
      list = null;
      if (title === "qdevice") sawQdeviceHeader = true;
      if (title === "net") sawNetHeader = true;
      continue;
    }

    const row = LIST_ROW.exec(line);
    if (row) {
      if (list === null)
        return fail(FORMAT, lineNo, `node list entry outside a node list: "${excerpt(line)}"`);
      addListRow(list, Number(row[2]), row[3] ?? "", lineNo, out);
      continue;
    }

    const { key, value } = readField(toolLine, section !== null);
    list = null;

    if (section === "other") {
      putEntry(out.extra, key, value);
      continue;
    }
    switch (key) {
      case "Model":
        out.model = value;
        break;
      case "Node ID":
        out.nodeId = parseCount(value, key, lineNo);
        break;
      case "HB interval":
        if (section === "net") out.netHeartbeatInterval = parseMs(value, key, lineNo);
        else out.heartbeatInterval = parseMs(value, key, lineNo);
        break;
      case "Sync HB interval":
        out.syncHeartbeatInterval = parseMs(value, key, lineNo);
        break;
      case "Configured node list":
        list = "configured";
        break;
      case "Quorum node list":
        list = "quorum";
        break;
      case "Heuristics":
        out.heuristics = value;
        break;
      case "Ring ID":
        out.ringId = value;
        break;
      case "Membership node list":
        out.membershipNodeList =
          value === "" ? [] : value.split(",").map((id) => parseCount(id.trim(), key, lineNo));
        break;
      case "Quorate":
        out.quorate = parseYesNo(value, key, lineNo);
        break;
      case "Expected votes":
        out.expectedVotes = parseCount(value, key, lineNo);
        break;
      case "Last poll call":
        out.lastPollCall = value;
        lastPollCastVote = value.endsWith(CAST_VOTE);
        break;
      case "Cluster name":
        out.clusterName = value;
        break;
      case "QNetd host":
        out.qnetdHost = value;
        break;
      case "Connect timeout":
        out.connectTimeout = parseMs(value, key, lineNo);
        break;
      case "TLS":
        out.tls = value;
        break;
      case "Algorithm":
        out.algorithm = value;
        break;
      case "Tie-breaker":
        out.tieBreaker = value;
        break;
      case "KAP Tie-breaker":
        out.kapTieBreaker = value;
        break;
      case "Poll timer running": {
        const cast = value.endsWith(CAST_VOTE);
        out.pollTimerRunning = parseYesNo(
          cast ? value.slice(0, -CAST_VOTE.length) : value,
          key,
          lineNo,
        );
        pollCastVote = cast;
        break;
      }
      case "State":
        out.state = value;
        break;
      case "Heuristics result":
        out.heuristicsResult = value;
        break;
      case "TLS active":
        out.tlsActive = value;
        break;
      case "Connected since":
        out.connectedSince = value;
        break;
      case "Echo reply received":
        out.echoReplyReceived = value;
        break;
      default:
        putEntry(out.extra, key, value);
        continue;
    }
    recognised++;
  }

  const lastLine = lines.length;
  if (recognised === 0) return fail(FORMAT, null, "no corosync-qdevice-tool fields found");
  if (sawQdeviceHeader && (out.model === null || out.nodeId === null)) {
    return fail(FORMAT, lastLine, "Qdevice information lacks Model or Node ID (truncated output?)");
  }
  if (out.model === "Net" && !sawNetHeader) {
    return fail(
      FORMAT,
      lastLine,
      "model Net but no Qdevice-net information follows (truncated output?)",
    );
  }
  if (sawNetHeader && out.state === null) {
    return fail(
      FORMAT,
      lastLine,
      'Qdevice-net information has no "State:" line (truncated output?)',
    );
  }
  out.connected = out.state === "Connected";
  out.castVote = pollCastVote ?? lastPollCastVote;
  return ok(out);
}

function addListRow(
  list: ListName,
  nodeId: number,
  rest: string,
  line: number,
  out: QdeviceStatus,
): void {
  // Rows read "Node ID = 1" followed by optional ", Key = Value" pairs.
  const attributes = new Map<string, string>();
  if (rest !== "") {
    if (!rest.startsWith(","))
      throw new LineError(line, `unrecognised node list entry: "${excerpt(rest)}"`);
    for (const pair of rest.slice(1).split(",")) {
      const eq = pair.indexOf("=");
      if (eq <= 0)
        throw new LineError(line, `unrecognised node list attribute: "${excerpt(pair)}"`);
      attributes.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  if (list === "quorum") {
    const state = attributes.get("State");
    if (state === undefined || state === "")
      throw new LineError(line, `quorum node ${nodeId} has no State`);
    out.quorumNodeList.push({ nodeId, state });
    return;
  }
  const entry: QdeviceConfiguredNode = { nodeId };
  const address = attributes.get("Address");
  if (address !== undefined) entry.address = address;
  const dataCenter = attributes.get("Data center ID");
  if (dataCenter !== undefined) entry.dataCenterId = parseCount(dataCenter, "Data center ID", line);
  out.configuredNodeList.push(entry);
}
