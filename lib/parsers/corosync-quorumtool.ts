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
import { detail, detailEntries } from "./output-schema";
import { LineError, fail, ok, parseText } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "corosync-quorumtool";

const corosyncMemberSchema = z.object({
  nodeId: z.number(),
  /** null only when the Votes column is absent (corosync running without votequorum). */
  votes: z.number().nullable(),
  name: z.string(),
  local: z.boolean(),
  /** Qdevice column flags split on commas ("A","V","NMW" or "NR"); null when the column is absent. */
  qdevice: z.array(z.string()).nullable(),
});

export const corosyncQuorumSchema = z.object({
  /** "Cluster information" block that `pvecm status` prints first. */
  clusterName: detail(z.string()),
  configVersion: detail(z.number()),
  transport: detail(z.string()),
  date: detail(z.string()),
  quorumProvider: detail(z.string()),
  /** "Nodes:" = number of members in the current membership. */
  nodeCount: detail(z.number()),
  /** Local node id, from "Node ID:" or else the member marked (local). */
  nodeId: z.number().nullable(),
  ringId: z.string().nullable(),
  quorate: z.boolean().nullable(),
  expectedVotes: z.number().nullable(),
  highestExpected: z.number().nullable(),
  totalVotes: z.number().nullable(),
  quorum: z.number().nullable(),
  activityBlocked: z.boolean(),
  flags: z.array(z.string()),
  members: z.array(corosyncMemberSchema),
  /** Name of the quorum device row (node id 0), e.g. "Qdevice". */
  qdeviceName: detail(z.string()),
  /** Votes the quorum device contributes right now (the row's Votes column; 0 when not voting). */
  qdeviceVotes: z.number().nullable(),
  /** Votes the quorum device is configured with ("(votes N)" when not voting, else the Votes column). */
  qdeviceConfiguredVotes: detail(z.number()),
  extra: detailEntries(),
});

export type CorosyncMember = z.infer<typeof corosyncMemberSchema>;
export type CorosyncQuorum = z.infer<typeof corosyncQuorumSchema>;

type Section = "cluster" | "quorum" | "votequorum" | "membership" | "other" | null;

interface Columns {
  votes: boolean;
  qdevice: boolean;
}

const KNOWN_HEADERS: Record<string, NonNullable<Section>> = {
  "Cluster information": "cluster",
  "Quorum information": "quorum",
  "Votequorum information": "votequorum",
  "Membership information": "membership",
};

const DECIMAL = /^\d{1,10}$/;
const HEX = /^0x[0-9A-Fa-f]{1,8}$/;
const QDEVICE_FLAGS = /^[A-Z]+(?:,[A-Z]+)*$/;
const VOTEQUORUM_KEYS = ["Expected votes", "Highest expected", "Total votes", "Quorum", "Flags"];
// Proxmox's documentation (AsciiDoc) underlines titles with "~" where the tool prints "-", and
// marks omitted lines with "..."; both read as blank lines so line numbers stay those of the paste.
const DOC_UNDERLINE = /^~+$/;
const DOC_ELISION = "...";

function emptyResult(): CorosyncQuorum {
  return {
    clusterName: null,
    configVersion: null,
    transport: null,
    date: null,
    quorumProvider: null,
    nodeCount: null,
    nodeId: null,
    ringId: null,
    quorate: null,
    expectedVotes: null,
    highestExpected: null,
    totalVotes: null,
    quorum: null,
    activityBlocked: false,
    flags: [],
    members: [],
    qdeviceName: null,
    qdeviceVotes: null,
    qdeviceConfiguredVotes: null,
    extra: {},
  };
}

/** `-H` prints node ids as 0x%08x; otherwise decimal. */
function parseNodeId(value: string, line: number): number {
  if (HEX.test(value)) return Number.parseInt(value.slice(2), 16);
  if (DECIMAL.test(value) && Number(value) <= 0xffffffff) return Number(value);
  throw new LineError(line, `node id is not a number: "${excerpt(value)}"`);
}

function firstToken(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  return match ? [match[1] ?? "", match[2] ?? ""] : ["", ""];
}

export function parseCorosyncQuorumtool(text: string): ParseResult<CorosyncQuorum> {
  return parseText(FORMAT, text, parse);
}

function parse(text: string): ParseResult<CorosyncQuorum> {
  const lines = outputLines(text).map((raw) => {
    const trimmed = raw.trim();
    return DOC_UNDERLINE.test(trimmed) || trimmed === DOC_ELISION ? "" : raw;
  });

  let out = emptyResult();
  let section: Section = null;
  let sawQuorumSection = false;
  let sawVotequorumSection = false;
  let membershipHeaderLine: number | null = null;
  let columns: Columns | null = null;
  const seenVotequorumKeys = new Set<string>();
  let recognised = 0;

  const resetSnapshot = () => {
    // `-m` repeats the whole status block on every change: keep the latest one.
    const cluster = {
      clusterName: out.clusterName,
      configVersion: out.configVersion,
      transport: out.transport,
    };
    out = { ...emptyResult(), ...cluster };
    sawVotequorumSection = false;
    membershipHeaderLine = null;
    columns = null;
    seenVotequorumKeys.clear();
  };

  for (const toolLine of toolLines(lines)) {
    const { line, lineNo } = toolLine;
    const title: Section | undefined = sectionTitle(
      toolLine,
      KNOWN_HEADERS,
      section !== null,
      "any quorumtool section",
    );
    if (title !== undefined) {
      section = title;
      if (section === "quorum") {
        if (sawQuorumSection) resetSnapshot();
        sawQuorumSection = true;
      } else if (section === "votequorum") {
        sawVotequorumSection = true;
      } else if (section === "membership") {
        membershipHeaderLine = lineNo;
        columns = null;
        out.members = [];
      }
      continue;
    }

    if (section === "membership") {
      if (columns === null) {
        const tokens = line.split(/\s+/);
        if (tokens[0] !== "Nodeid" || tokens[tokens.length - 1] !== "Name") {
          return fail(
            FORMAT,
            lineNo,
            `expected the membership column header, got "${excerpt(line)}"`,
          );
        }
        columns = { votes: tokens.includes("Votes"), qdevice: tokens.includes("Qdevice") };
        continue;
      }
      parseMemberRow(line, lineNo, columns, out);
      recognised++;
      continue;
    }

    const { key, value } = readField(toolLine, section !== null);
    if (applyField(key, value, lineNo, out, section)) {
      recognised++;
      if (VOTEQUORUM_KEYS.includes(key)) seenVotequorumKeys.add(key);
    }
  }

  const lastLine = lines.length;
  if (recognised === 0) return fail(FORMAT, null, "no corosync-quorumtool fields found");
  if (sawQuorumSection && out.quorate === null) {
    return fail(FORMAT, lastLine, 'the "Quorate:" line is missing (truncated output?)');
  }
  if (sawVotequorumSection) {
    const missing = VOTEQUORUM_KEYS.filter((k) => !seenVotequorumKeys.has(k));
    if (missing.length > 0) {
      return fail(
        FORMAT,
        lastLine,
        `votequorum information lacks ${missing.join(", ")} (truncated output?)`,
      );
    }
    // A paste of the votequorum block alone: its flags include "Quorate" exactly when quorate.
    if (!sawQuorumSection) out.quorate = out.flags.includes("Quorate");
  }
  if (membershipHeaderLine !== null) {
    if (columns === null) {
      return fail(
        FORMAT,
        lastLine,
        "membership information ends before its column header (truncated output?)",
      );
    }
    if (out.members.length === 0) {
      return fail(FORMAT, lastLine, "membership information lists no nodes (truncated output?)");
    }
    if (out.nodeCount !== null && out.members.length !== out.nodeCount) {
      return fail(
        FORMAT,
        lastLine,
        `membership lists ${out.members.length} nodes but "Nodes:" says ${out.nodeCount} (truncated output?)`,
      );
    }
  }
  if (out.nodeId === null) {
    const local = out.members.find((m) => m.local);
    if (local) out.nodeId = local.nodeId;
  }
  return ok(out);
}

function applyField(
  key: string,
  value: string,
  line: number,
  out: CorosyncQuorum,
  section: Section,
): boolean {
  if (section === "other") {
    putEntry(out.extra, key, value);
    return false;
  }
  switch (key) {
    case "Name":
      out.clusterName = value;
      return true;
    case "Config Version":
      out.configVersion = parseCount(value, key, line);
      return true;
    case "Transport":
      out.transport = value;
      return true;
    case "Date":
      out.date = value;
      return true;
    case "Quorum provider":
      out.quorumProvider = value;
      return true;
    case "Nodes":
      out.nodeCount = parseCount(value, key, line);
      return true;
    case "Node ID":
      out.nodeId = parseNodeId(value, line);
      return true;
    case "Ring ID":
      out.ringId = value;
      return true;
    case "Quorate":
      out.quorate = parseYesNo(value, key, line);
      return true;
    case "Expected votes":
      out.expectedVotes = parseCount(value, key, line);
      return true;
    case "Highest expected":
      out.highestExpected = parseCount(value, key, line);
      return true;
    case "Total votes":
      out.totalVotes = parseCount(value, key, line);
      return true;
    case "Quorum": {
      // Printed as "%d %s": a blank when quorate, "Activity blocked" when not.
      const [count, rest] = firstToken(value);
      out.quorum = parseCount(count, key, line);
      out.activityBlocked = rest === "Activity blocked";
      if (rest !== "" && !out.activityBlocked) putEntry(out.extra, key, value);
      return true;
    }
    case "Flags":
      out.flags = value === "" ? [] : value.split(/\s+/);
      return true;
    default:
      putEntry(out.extra, key, value);
      return false;
  }
}

function parseMemberRow(line: string, lineNo: number, columns: Columns, out: CorosyncQuorum): void {
  const [idText, afterId] = firstToken(line);
  const nodeId = parseNodeId(idText, lineNo);
  let rest = afterId;
  let votes: number | null = null;
  if (columns.votes) {
    const [votesText, afterVotes] = firstToken(rest);
    votes = parseCount(votesText, `votes of node ${nodeId}`, lineNo);
    rest = afterVotes;
  }

  // Node id 0 is the quorum device's row, printed without a Qdevice flags cell.
  if (nodeId === 0) {
    if (rest === "")
      throw new LineError(lineNo, "quorum device row has no name (truncated output?)");
    const configured = /^(.*\S) \(votes (\d{1,10})\)$/.exec(rest);
    out.qdeviceName = configured ? (configured[1] ?? rest) : rest;
    out.qdeviceVotes = votes;
    out.qdeviceConfiguredVotes = configured ? Number(configured[2]) : votes;
    return;
  }

  let qdevice: string[] | null = null;
  if (columns.qdevice) {
    const [flagsText, afterFlags] = firstToken(rest);
    if (!QDEVICE_FLAGS.test(flagsText)) {
      throw new LineError(lineNo, `node ${nodeId} has no Qdevice flags: "${excerpt(line)}"`);
    }
    qdevice = flagsText.split(",");
    rest = afterFlags;
  }
  if (rest === "") {
    throw new LineError(lineNo, `node ${nodeId} has no name (truncated output?)`);
  }
  const local = rest.endsWith(" (local)");
  const name = local ? rest.slice(0, -" (local)".length).trimEnd() : rest;
  out.members.push({ nodeId, votes, name, local, qdevice });
}
