import { z } from "zod";
import { excerpt, outputLines } from "./line-fields";
import { detail, optionalDetail } from "./output-schema";
import { LineError, fail, ok, parseText } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "corosync-cmapctl-stats";

const knetLinkStatsSchema = z.object({
  linkId: z.number(),
  /** stats.knet.nodeN.linkM.connected: knet has the link up right now. */
  connected: z.boolean(),
  enabled: detail(z.boolean()),
  /** Round-trip latency of knet's pings in microseconds; null before the first sample. */
  latencyAveUs: z.number().nullable(),
  latencyMaxUs: z.number().nullable(),
  latencyMinUs: detail(z.number()),
  latencySamples: detail(z.number()),
  /**
   * Mean round trip of the pongs in the agent's last 30 s, which clears soon after a slow spell
   * where the all-time average does not; added by the agent from its own readings, never printed.
   */
  latencyRecentUs: optionalDetail(z.number()),
  /** Times the link went down since corosync started (links also go down once while it starts). */
  downCount: z.number().nullable(),
  upCount: detail(z.number()),
  mtu: detail(z.number()),
});

const knetNodeStatsSchema = z.object({
  nodeId: z.number(),
  links: z.array(knetLinkStatsSchema),
});

export const corosyncKnetStatsSchema = z.object({
  /** Per node of the nodelist, the local node included (its link 0 is a loopback without latency). */
  nodes: z.array(knetNodeStatsSchema),
});

export type KnetLinkStats = z.infer<typeof knetLinkStatsSchema>;
export type KnetNodeStats = z.infer<typeof knetNodeStatsSchema>;
export type CorosyncKnetStats = z.infer<typeof corosyncKnetStatsSchema>;

// "stats.knet.node2.link1.latency_ave (u32) = 133", as corosync-cmapctl prints every key.
const ENTRY = /^(\S+) \((u8|u16|u32|u64|i8|i16|i32|i64|flt|dbl|str|bin)\) =(?: (.*))?$/;
const KNET_LINK = /^stats\.knet\.node(\d{1,10})\.link(\d{1,3})\.([a-z_]+)$/;
const UNSIGNED = /^\d{1,20}$/;
const TOOL_ERROR = /^(Failed to |Can't |Cannot |Could not |corosync-cmapctl: )/;
/** knet's "no sample yet" value for latency_min. */
const NO_SAMPLE_U32 = 4294967295;

interface LinkDraft {
  line: number;
  values: Map<string, number>;
}

export function parseCorosyncCmapctlStats(text: string): ParseResult<CorosyncKnetStats> {
  return parseText(FORMAT, text, parse);
}

function parse(text: string): ParseResult<CorosyncKnetStats> {
  const lines = outputLines(text);
  const links = new Map<number, Map<number, LinkDraft>>();
  let statsKeys = 0;
  let otherKeys = 0;

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (TOOL_ERROR.test(line.trim())) {
      throw new LineError(lineNo, `the tool reported an error: ${excerpt(line.trim())}`);
    }
    const entry = ENTRY.exec(line.trimEnd());
    if (!entry) throw new LineError(lineNo, `unrecognised line: "${excerpt(line)}"`);
    const [, key = "", , value = ""] = entry;
    if (!key.startsWith("stats.")) {
      otherKeys++;
      continue;
    }
    statsKeys++;
    const knet = KNET_LINK.exec(key);
    if (!knet) continue;
    const [, nodeText = "", linkText = "", field = ""] = knet;
    if (!UNSIGNED.test(value)) {
      throw new LineError(lineNo, `${key} is not a number: "${excerpt(value)}"`);
    }
    const nodeId = Number(nodeText);
    const linkId = Number(linkText);
    const byLink = links.get(nodeId) ?? new Map<number, LinkDraft>();
    links.set(nodeId, byLink);
    const draft = byLink.get(linkId) ?? { line: lineNo, values: new Map<string, number>() };
    byLink.set(linkId, draft);
    if (draft.values.has(field)) throw new LineError(lineNo, `${key} is listed twice`);
    draft.values.set(field, Number(value));
  }

  if (statsKeys === 0) {
    return fail(
      FORMAT,
      null,
      otherKeys > 0
        ? "no stats.* keys: this is a plain `corosync-cmapctl` dump; link statistics need `corosync-cmapctl -m stats`"
        : "no corosync-cmapctl keys found",
    );
  }

  const nodes = [...links.entries()]
    .sort(([a], [b]) => a - b)
    .map(([nodeId, byLink]) => ({
      nodeId,
      links: [...byLink.entries()]
        .sort(([a], [b]) => a - b)
        .map(([linkId, draft]) => toLink(nodeId, linkId, draft)),
    }));
  return ok({ nodes });
}

function toLink(nodeId: number, linkId: number, draft: LinkDraft): KnetLinkStats {
  const get = (field: string) => draft.values.get(field) ?? null;
  const connected = get("connected");
  if (connected === null) {
    throw new LineError(
      draft.line,
      `stats.knet.node${nodeId}.link${linkId} has no connected key (truncated output?)`,
    );
  }
  const enabled = get("enabled");
  const samples = get("latency_samples");
  // Before the first ping round trip knet reports average and maximum 0 and minimum 2^32-1.
  const sampled = samples === null ? get("latency_min") !== NO_SAMPLE_U32 : samples > 0;
  const min = get("latency_min");
  return {
    linkId,
    connected: connected !== 0,
    enabled: enabled === null ? null : enabled !== 0,
    latencyAveUs: sampled ? get("latency_ave") : null,
    latencyMaxUs: sampled ? get("latency_max") : null,
    latencyMinUs: sampled && min !== NO_SAMPLE_U32 ? min : null,
    latencySamples: samples,
    downCount: get("down_count"),
    upCount: get("up_count"),
    mtu: get("mtu"),
  };
}
