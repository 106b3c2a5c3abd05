import { z } from "zod";
import { detail, detailList } from "./output-schema";
import { fail, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "ocfs2-cluster-conf";

const ocfs2ClusterStanzaSchema = z.object({
  name: z.string().nullable(),
  nodeCount: detail(z.number()),
  /** As written ("local", "global"); null when absent, which o2cb treats as local. */
  heartbeatMode: detail(z.string()),
  line: z.number(),
});

const ocfs2NodeStanzaSchema = z.object({
  name: z.string().nullable(),
  number: z.number().nullable(),
  ipAddress: z.string().nullable(),
  ipPort: detail(z.number()),
  cluster: detail(z.string()),
  line: z.number(),
});

const ocfs2HeartbeatStanzaSchema = z.object({
  region: detail(z.string()),
  cluster: detail(z.string()),
  line: z.number(),
});

/**
 * /etc/ocfs2/cluster.conf, and `o2cb list-cluster` which prints the same stanzas (also in its
 * `--oneline` form). Stanza order does not matter; unknown stanzas and keys are ignored.
 */
export const ocfs2ClusterConfSchema = z.object({
  clusters: z.array(ocfs2ClusterStanzaSchema),
  nodes: z.array(ocfs2NodeStanzaSchema),
  heartbeats: detailList(ocfs2HeartbeatStanzaSchema),
});

export type Ocfs2ClusterStanza = z.infer<typeof ocfs2ClusterStanzaSchema>;
export type Ocfs2NodeStanza = z.infer<typeof ocfs2NodeStanzaSchema>;
export type Ocfs2HeartbeatStanza = z.infer<typeof ocfs2HeartbeatStanzaSchema>;
export type Ocfs2ClusterConf = z.infer<typeof ocfs2ClusterConfSchema>;

interface OpenStanza {
  kind: string;
  line: number;
  attributes: Map<string, string>;
}

const HEADER = /^\s*([A-Za-z_][\w-]*):\s*$/;
const ONELINE = /^\s*(cluster|node|heartbeat):\s+(\S.*)$/;
const KEY = /^[A-Za-z_][\w.-]*$/;
const WHITESPACE = /\s+/;

function integer(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value);
}

export function parseOcfs2ClusterConf(text: string): ParseResult<Ocfs2ClusterConf> {
  return parseText(FORMAT, text, (input) => {
    const result: Ocfs2ClusterConf = { clusters: [], nodes: [], heartbeats: [] };
    let open: OpenStanza | null = null;

    const close = (stanza: OpenStanza | null): void => {
      if (stanza === null) return;
      const get = (key: string): string | null => stanza.attributes.get(key) ?? null;
      if (stanza.kind === "cluster") {
        result.clusters.push({
          name: get("name"),
          nodeCount: integer(stanza.attributes.get("node_count")),
          heartbeatMode: get("heartbeat_mode"),
          line: stanza.line,
        });
      } else if (stanza.kind === "node") {
        result.nodes.push({
          name: get("name"),
          number: integer(stanza.attributes.get("number")),
          ipAddress: get("ip_address"),
          ipPort: integer(stanza.attributes.get("ip_port")),
          cluster: get("cluster"),
          line: stanza.line,
        });
      } else if (stanza.kind === "heartbeat") {
        result.heartbeats.push({
          region: get("region"),
          cluster: get("cluster"),
          line: stanza.line,
        });
      }
    };

    const lines = splitLines(input);
    for (let index = 0; index < lines.length; index++) {
      const lineNumber = index + 1;
      const line = (lines[index] ?? "").trim();
      if (line === "" || line.startsWith("#")) continue;

      const header = HEADER.exec(line);
      if (header) {
        close(open);
        open = { kind: header[1] ?? "", line: lineNumber, attributes: new Map() };
        continue;
      }

      const oneline = ONELINE.exec(line);
      if (oneline) {
        close(open);
        open = null;
        const kind = oneline[1] ?? "";
        const fields = (oneline[2] ?? "").split(WHITESPACE);
        const attributes = new Map<string, string>();
        if (kind === "cluster" && fields.length === 3) {
          attributes.set("node_count", fields[0] ?? "");
          attributes.set("heartbeat_mode", fields[1] ?? "");
          attributes.set("name", fields[2] ?? "");
        } else if (kind === "node" && fields.length === 4) {
          const endpoint = fields[2] ?? "";
          const colon = endpoint.lastIndexOf(":");
          attributes.set("number", fields[0] ?? "");
          attributes.set("name", fields[1] ?? "");
          attributes.set("ip_address", colon === -1 ? endpoint : endpoint.slice(0, colon));
          if (colon !== -1) attributes.set("ip_port", endpoint.slice(colon + 1));
          attributes.set("cluster", fields[3] ?? "");
        } else if (kind === "heartbeat" && fields.length === 2) {
          attributes.set("region", fields[0] ?? "");
          attributes.set("cluster", fields[1] ?? "");
        } else {
          return fail(FORMAT, lineNumber, `unexpected field count in one-line "${kind}:" entry`);
        }
        close({ kind, line: lineNumber, attributes });
        continue;
      }

      const equals = line.indexOf("=");
      if (equals === -1) {
        return fail(FORMAT, lineNumber, 'expected a "name:" stanza header or a "key = value" line');
      }
      const key = line.slice(0, equals).trim();
      if (!KEY.test(key)) {
        return fail(FORMAT, lineNumber, `"${key}" is not a cluster.conf key`);
      }
      if (open === null) {
        return fail(FORMAT, lineNumber, `"${key}" appears before any stanza header`);
      }
      open.attributes.set(key, line.slice(equals + 1).trim());
    }
    close(open);
    return ok(result);
  });
}
