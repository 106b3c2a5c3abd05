import { z } from "zod";
import { excerpt, outputLines, parseCount, putEntry } from "./line-fields";
import { detail, detailEntries, detailList } from "./output-schema";
import { LineError, fail, ok, parseText } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "corosync-conf";

/** One `name { ... }` block with its keys (last one wins, as in corosync) and nested blocks in file order. */
const corosyncConfSectionSchema = z.object({
  name: z.string(),
  entries: z.record(z.string(), z.string()),
  get sections(): z.ZodArray<typeof corosyncConfSectionSchema> {
    return z.array(corosyncConfSectionSchema);
  },
});

const corosyncConfNodeSchema = z.object({
  /** nodelist.node.name, or ring0_addr when the node has no name (corosync does the same). */
  name: z.string(),
  nodeId: z.number().nullable(),
  /** quorum_votes, default 1. */
  votes: z.number(),
  /** ring0_addr, ring1_addr, ... in ring order. */
  addrs: z.array(z.string()),
});

const corosyncConfQdeviceSchema = z.object({
  model: z.string().nullable(),
  host: z.string().nullable(),
  algorithm: z.string().nullable(),
  tls: z.string().nullable(),
  /** quorum.device.votes; null when unset (corosync then derives it from the algorithm). */
  votes: z.number().nullable(),
  port: detail(z.number()),
  tieBreaker: detail(z.string()),
});

export const corosyncConfSchema = z.object({
  clusterName: z.string().nullable(),
  configVersion: detail(z.number()),
  transport: detail(z.string()),
  provider: detail(z.string()),
  nodes: z.array(corosyncConfNodeSchema),
  qdevice: corosyncConfQdeviceSchema.nullable(),
  twoNode: z.boolean(),
  /** Explicit quorum.wait_for_all, else the value of two_node; null when there is no quorum section. */
  waitForAll: z.boolean().nullable(),
  expectedVotes: detail(z.number()),
  sections: detailList(corosyncConfSectionSchema),
  /** Keys written outside any section (unusual, kept as read). */
  entries: detailEntries(),
});

export type CorosyncConfSection = z.infer<typeof corosyncConfSectionSchema>;
export type CorosyncConfNode = z.infer<typeof corosyncConfNodeSchema>;
export type CorosyncConfQdevice = z.infer<typeof corosyncConfQdeviceSchema>;
export type CorosyncConf = z.infer<typeof corosyncConfSchema>;

interface Located {
  value: string;
  line: number;
}

interface WorkSection {
  name: string;
  line: number;
  entries: Map<string, Located>;
  sections: WorkSection[];
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const RING_ADDR = /^ring(\d{1,2})_addr$/;
/** Real files nest four deep at most; the cap keeps the recursive steps below safe on hostile input. */
const MAX_DEPTH = 32;

function toRecord(entries: Map<string, Located>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, { value }] of entries) putEntry(record, key, value);
  return record;
}

function toSection(work: WorkSection): CorosyncConfSection {
  return {
    name: work.name,
    entries: toRecord(work.entries),
    sections: work.sections.map(toSection),
  };
}

export function parseCorosyncConf(text: string): ParseResult<CorosyncConf> {
  return parseText(FORMAT, text, parse);
}

function parse(text: string): ParseResult<CorosyncConf> {
  const lines = outputLines(text);

  const root: WorkSection = { name: "", line: 0, entries: new Map(), sections: [] };
  const stack: WorkSection[] = [root];
  let pending: { name: string; line: number } | null = null;

  const open = (name: string, line: number) => {
    if (!NAME.test(name)) throw new LineError(line, `invalid section name: "${excerpt(name)}"`);
    if (stack.length > MAX_DEPTH)
      throw new LineError(line, `sections nested deeper than ${MAX_DEPTH}`);
    const section: WorkSection = { name, line, entries: new Map(), sections: [] };
    (stack[stack.length - 1] ?? root).sections.push(section);
    stack.push(section);
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const s = (lines[i] ?? "").trim();
    // corosync only treats a '#' at the start of a line as a comment.
    if (s === "" || s.startsWith("#")) continue;

    // Single pass over the line: the cached positions only move forward.
    let pos = 0;
    let nextOpen = s.indexOf("{");
    let nextClose = s.indexOf("}");
    let nextColon = s.indexOf(":");
    while (pos < s.length) {
      while (pos < s.length && (s[pos] === " " || s[pos] === "\t")) pos++;
      if (pos >= s.length) break;
      if (nextOpen !== -1 && nextOpen < pos) nextOpen = s.indexOf("{", pos);
      if (nextClose !== -1 && nextClose < pos) nextClose = s.indexOf("}", pos);
      if (nextColon !== -1 && nextColon < pos) nextColon = s.indexOf(":", pos);
      const ch = s[pos];

      if (pending !== null) {
        if (ch !== "{") {
          throw new LineError(
            pending.line,
            `"${excerpt(pending.name)}" is neither a section nor a key: value`,
          );
        }
        open(pending.name, pending.line);
        pending = null;
        pos++;
        continue;
      }
      if (ch === "{") throw new LineError(lineNo, "'{' without a section name");
      if (ch === "}") {
        if (stack.length === 1) throw new LineError(lineNo, "'}' closes no open section");
        stack.pop();
        pos++;
        continue;
      }

      const braceEnd = Math.min(
        nextOpen === -1 ? s.length : nextOpen,
        nextClose === -1 ? s.length : nextClose,
      );
      if (nextColon !== -1 && nextColon < braceEnd) {
        const key = s.slice(pos, nextColon).trim();
        if (!NAME.test(key)) throw new LineError(lineNo, `unrecognised line: "${excerpt(s)}"`);
        const value = s.slice(nextColon + 1, braceEnd).trim();
        (stack[stack.length - 1] ?? root).entries.set(key, { value, line: lineNo });
        pos = braceEnd;
        continue;
      }
      const word = s.slice(pos, braceEnd).trim();
      if (braceEnd === nextOpen) {
        open(word, lineNo);
        pos = braceEnd + 1;
        continue;
      }
      if (braceEnd === s.length && NAME.test(word)) {
        // Tolerated layout: the section name alone with its '{' on the next line.
        pending = { name: word, line: lineNo };
        pos = braceEnd;
        continue;
      }
      throw new LineError(lineNo, `unrecognised line: "${excerpt(s)}"`);
    }
  }

  if (pending !== null) {
    return fail(
      FORMAT,
      pending.line,
      `"${excerpt(pending.name)}" is neither a section nor a key: value`,
    );
  }
  const unclosed = stack[stack.length - 1];
  if (stack.length > 1 && unclosed) {
    return fail(
      FORMAT,
      unclosed.line,
      `section "${unclosed.name}" opened at line ${unclosed.line} is never closed (truncated file?)`,
    );
  }
  if (root.sections.length === 0) return fail(FORMAT, null, "no corosync.conf sections found");

  return ok(derive(root));
}

/** Flattens like corosync's cmap: same-named sections merge and a later key overrides an earlier one. */
function flatten(section: WorkSection, prefix: string, into: Map<string, Located>): void {
  for (const [key, located] of section.entries) into.set(prefix + key, located);
  for (const child of section.sections) flatten(child, `${prefix}${child.name}.`, into);
}

function derive(root: WorkSection): CorosyncConf {
  const flat = new Map<string, Located>();
  for (const top of root.sections) {
    if (top.name !== "nodelist") flatten(top, `${top.name}.`, flat);
  }
  const str = (key: string) => flat.get(key)?.value ?? null;
  const num = (key: string): number | null => {
    const located = flat.get(key);
    return located ? parseNumber(located, key) : null;
  };
  const flag = (key: string): boolean | null => {
    const n = num(key);
    return n === null ? null : n !== 0;
  };

  const hasQuorum = root.sections.some((s) => s.name === "quorum");
  const hasDevice = root.sections.some(
    (top) => top.name === "quorum" && top.sections.some((child) => child.name === "device"),
  );
  const twoNode = flag("quorum.two_node") ?? false;
  // votequorum(5): wait_for_all defaults to the value of two_node.
  const waitForAll = flag("quorum.wait_for_all") ?? (hasQuorum ? twoNode : null);

  const nodes: CorosyncConfNode[] = [];
  for (const top of root.sections) {
    if (top.name !== "nodelist") continue;
    for (const node of top.sections) {
      if (node.name === "node") nodes.push(deriveNode(node));
    }
  }

  return {
    clusterName: str("totem.cluster_name"),
    configVersion: num("totem.config_version"),
    transport: str("totem.transport"),
    provider: str("quorum.provider"),
    nodes,
    qdevice: hasDevice
      ? {
          model: str("quorum.device.model"),
          host: str("quorum.device.net.host"),
          algorithm: str("quorum.device.net.algorithm"),
          tls: str("quorum.device.net.tls"),
          votes: num("quorum.device.votes"),
          port: num("quorum.device.net.port"),
          tieBreaker: str("quorum.device.net.tie_breaker"),
        }
      : null,
    twoNode,
    waitForAll,
    expectedVotes: num("quorum.expected_votes"),
    sections: root.sections.map(toSection),
    entries: toRecord(root.entries),
  };
}

function parseNumber(located: Located, key: string): number {
  return parseCount(located.value, key, located.line);
}

function deriveNode(node: WorkSection): CorosyncConfNode {
  const rings: Array<[number, string]> = [];
  for (const [key, { value }] of node.entries) {
    const ring = RING_ADDR.exec(key);
    if (ring) rings.push([Number(ring[1]), value]);
  }
  rings.sort((a, b) => a[0] - b[0]);
  const addrs = rings.map(([, addr]) => addr);
  const name = node.entries.get("name")?.value ?? node.entries.get("ring0_addr")?.value;
  if (name === undefined || name === "") {
    throw new LineError(node.line, "node has neither a name nor a ring0_addr");
  }
  const nodeid = node.entries.get("nodeid");
  const votes = node.entries.get("quorum_votes");
  return {
    name,
    nodeId: nodeid ? parseNumber(nodeid, "nodeid") : null,
    votes: votes ? parseNumber(votes, "quorum_votes") : 1,
    addrs,
  };
}
