import { z } from "zod";
import { excerpt, outputLines } from "./line-fields";
import { detail, vocabulary } from "./output-schema";
import { LineError, fail, ok, parseText } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "corosync-cfgtool";

const cfgtoolPeerSchema = z.object({
  /** null where the tool prints a position instead of an id (corosync 3.0.0's "node N:", `-b` status). */
  nodeId: z.number().nullable(),
  /** As printed: localhost, connected, disconnected; corosync 3.0's "link enabled:1 link connected:1". */
  status: z.string(),
  local: z.boolean(),
  /** Whether knet has this link up to that node; null for the local node, which has no link to itself. */
  connected: z.boolean().nullable(),
  /** Printed only by corosync 3.0 ("link enabled:0" is a link switched off for that node). */
  enabled: detail(z.boolean()),
  /** 0-based place in the printed list (the nodelist in node id order). */
  position: z.number(),
});

const cfgtoolLinkSchema = z.object({
  /** knet link number, or the ring number of corosync 2. */
  linkId: z.number(),
  /** This node's address on the link ("addr =", or "id =" for a corosync 2 ring). */
  address: z.string().nullable(),
  /** The link's transport as printed after the link id (udp, sctp); null when none is printed. */
  transport: detail(z.string()),
  peers: z.array(cfgtoolPeerSchema),
  /** corosync 2 only: the ring's status line as printed ("ring 0 active with no faults"). */
  ringStatus: detail(z.string()),
  /** corosync 2 only: the ring is marked FAULTY. */
  ringFaulty: detail(z.boolean()),
});

export const corosyncLinkStatusSchema = z.object({
  localNodeId: z.number().nullable(),
  /** "transport knet" from the first line (corosync 3.1 and later). */
  transport: detail(z.string()),
  /** knet link status per node (corosync 3), or corosync 2's ring status, which has no per-node state. */
  format: vocabulary(["links", "rings"], "links"),
  links: z.array(cfgtoolLinkSchema),
});

export type CfgtoolPeer = z.infer<typeof cfgtoolPeerSchema>;
export type CfgtoolLink = z.infer<typeof cfgtoolLinkSchema>;
export type CorosyncLinkStatus = z.infer<typeof corosyncLinkStatusSchema>;

const PRINTING = /^Printing (?:ring|link) status\.$/;
const LOCAL = /^Local node ID (\d{1,10})(?:, transport (\S+))?$/;
const LINK = /^(LINK|RING) ID (\d{1,3})(?: (\S*))?$/;
const FIELD = /^(addr|id|status)\s*=\s*(.*)$/;
const STATUS_HEADER = /^status:$/;
// 3.1: "nodeid:   6:\tlocalhost"; 3.0: "nodeid  4:\tlink enabled:1\tlink connected:1"; 3.0.0: "node 0: ..."
const PEER = /^(nodeid|node):?\s*(\d{1,10}):\s*(.*)$/;
const EARLY_STATE = /^link enabled:\s*([01])\s+link connected:\s*([01])$/;
const DEPRECATED = /^\*\*\S.*deprecated/i;
const TOOL_ERROR = /^(Could not |Cannot |corosync-cfgtool: )/;
const BRIEF = /^[0-3n]+$/;
const NODE_LIST = /^nodeid: \d{1,10} reachable\b/;

interface Draft {
  link: CfgtoolLink;
  line: number;
  inStatus: boolean;
  ring: boolean;
}

export function parseCorosyncCfgtool(text: string): ParseResult<CorosyncLinkStatus> {
  return parseText(FORMAT, text, parse);
}

function parse(text: string): ParseResult<CorosyncLinkStatus> {
  const lines = outputLines(text);
  const out: CorosyncLinkStatus = {
    localNodeId: null,
    transport: null,
    format: "links",
    links: [],
  };
  let sawHeader = false;
  let current: Draft | null = null;
  const finished: Draft[] = [];

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    if (TOOL_ERROR.test(line)) {
      throw new LineError(lineNo, `the tool reported an error: ${excerpt(line)}`);
    }
    if (PRINTING.test(line)) {
      if (line.includes("ring")) out.format = "rings";
      sawHeader = true;
      continue;
    }
    const local = LOCAL.exec(line);
    if (local) {
      if (out.localNodeId !== null || current !== null) {
        throw new LineError(lineNo, `a second "Local node ID" line: ${excerpt(line)}`);
      }
      out.localNodeId = Number(local[1]);
      out.transport = local[2] ?? null;
      sawHeader = true;
      continue;
    }
    const link = LINK.exec(line);
    if (link) {
      if (!sawHeader) throw new LineError(lineNo, `link before the "Local node ID" line`);
      if (current) finished.push(closeLink(current));
      const ring = link[1] === "RING";
      if (ring) out.format = "rings";
      const linkId = Number(link[2]);
      if (finished.some((d) => d.link.linkId === linkId)) {
        throw new LineError(lineNo, `link ${linkId} is listed twice`);
      }
      current = {
        line: lineNo,
        inStatus: false,
        ring,
        link: {
          linkId,
          address: null,
          transport: link[3] ? link[3] : null,
          peers: [],
          ringStatus: null,
          ringFaulty: null,
        },
      };
      continue;
    }
    if (DEPRECATED.test(line) && current) continue;
    if (NODE_LIST.test(line)) {
      throw new LineError(
        lineNo,
        "this is `corosync-cfgtool -n` output (reachable nodes), not the link status of `corosync-cfgtool -s`",
      );
    }
    if (!current) throw new LineError(lineNo, `unrecognised line: "${excerpt(line)}"`);
    readLinkLine(current, line, lineNo, out.localNodeId);
  }
  if (current) finished.push(closeLink(current));

  if (!sawHeader) return fail(FORMAT, null, "no corosync-cfgtool status found");
  if (finished.length === 0) {
    return fail(FORMAT, lines.length, "the status lists no link (truncated output?)");
  }
  out.links = finished.map((d) => d.link);
  return ok(out);
}

function readLinkLine(draft: Draft, line: string, lineNo: number, localNodeId: number | null) {
  const { link } = draft;
  if (STATUS_HEADER.test(line)) {
    if (draft.ring) throw new LineError(lineNo, `ring ${link.linkId} has a per-node status list`);
    draft.inStatus = true;
    return;
  }
  const field = FIELD.exec(line);
  if (field) {
    const [, key, value = ""] = field;
    if (key === "status") {
      if (draft.ring) {
        link.ringStatus = value;
        link.ringFaulty = /\bFAULTY\b/i.test(value);
      } else {
        readBrief(link, value, lineNo);
      }
    } else {
      link.address = value === "" ? null : value;
    }
    return;
  }
  const peer = draft.inStatus ? PEER.exec(line) : null;
  if (!peer) throw new LineError(lineNo, `unrecognised line: "${excerpt(line)}"`);
  const [, word, number = "", state = ""] = peer;
  const printed = state.replace(/\s+/g, " ").trim();
  const position = link.peers.length;
  const nodeId = word === "nodeid" ? Number(number) : null;
  if (nodeId !== null && link.peers.some((p) => p.nodeId === nodeId)) {
    throw new LineError(lineNo, `node ${nodeId} is listed twice under link ${link.linkId}`);
  }
  const early = EARLY_STATE.exec(printed);
  const local = nodeId !== null && nodeId === localNodeId;
  if (early) {
    const enabled = early[1] === "1";
    link.peers.push({
      nodeId,
      status: printed,
      local,
      connected: local ? null : enabled && early[2] === "1",
      enabled,
      position,
    });
    return;
  }
  if (printed === "" || !/^[a-z][a-z -]{0,30}$/.test(printed)) {
    throw new LineError(lineNo, `node ${number} has no link state: "${excerpt(line)}"`);
  }
  const isLocal = printed === "localhost" || local;
  // A word this version does not know (or one cut short) is not read as either state.
  const connected = printed === "connected" ? true : printed === "disconnected" ? false : null;
  link.peers.push({
    nodeId,
    status: printed,
    local: isLocal,
    connected: isLocal ? null : connected,
    enabled: null,
    position,
  });
}

/** `-b` prints one character per node: n (this node), or enabled + 2 x connected. */
function readBrief(link: CfgtoolLink, value: string, lineNo: number) {
  if (!BRIEF.test(value)) {
    throw new LineError(
      lineNo,
      `link ${link.linkId} status is not a brief status: "${excerpt(value)}"`,
    );
  }
  link.peers = [...value].map((ch, position) => {
    const local = ch === "n";
    const bits = local ? 0 : Number(ch);
    return {
      nodeId: null,
      status: ch,
      local,
      connected: local ? null : (bits & 2) === 2 && (bits & 1) === 1,
      enabled: local ? null : (bits & 1) === 1,
      position,
    };
  });
}

function closeLink(draft: Draft): Draft {
  const { link } = draft;
  if (draft.ring) {
    if (link.ringStatus === null) {
      throw new LineError(draft.line, `ring ${link.linkId} has no status line (truncated output?)`);
    }
  } else if (link.peers.length === 0) {
    throw new LineError(draft.line, `link ${link.linkId} lists no node (truncated output?)`);
  }
  return draft;
}
