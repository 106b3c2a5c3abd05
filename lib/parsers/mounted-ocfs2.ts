import { z } from "zod";
import { detail } from "./output-schema";
import { fail, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "mounted-ocfs2";

/** `full` = `mounted.ocfs2 -f` (Nodes column), `detect` = `mounted.ocfs2 -d` (UUID and Label). */
const mountedOcfs2ModeSchema = z.enum(["full", "detect"]);

const mountedOcfs2DeviceSchema = z.object({
  device: z.string(),
  /** Cluster stack as printed (`o2cb`, `pcmk`, `None` for a local mount); null in the old layout. */
  stack: detail(z.string()),
  cluster: detail(z.string()),
  /** The `F` column as printed: `G` marks an o2cb volume using global heartbeat. */
  flags: detail(z.string()),
  globalHeartbeat: z.boolean().catch(false),
  uuid: detail(z.string()),
  label: detail(z.string()),
  /**
   * Full mode: the nodes that have the volume mounted, as printed (names when the o2cb cluster
   * is online, else node numbers); [] for "Not mounted" or a heartbeat device. Null in detect mode.
   */
  mountedOn: z.array(z.string()).nullable(),
  /** Full mode prints "Heartbeat device" for a global heartbeat region instead of nodes. */
  heartbeatDevice: z.boolean().catch(false),
});

export const mountedOcfs2Schema = z.object({
  mode: mountedOcfs2ModeSchema,
  devices: z.array(mountedOcfs2DeviceSchema),
});

export type MountedOcfs2Mode = z.infer<typeof mountedOcfs2ModeSchema>;
export type MountedOcfs2Device = z.infer<typeof mountedOcfs2DeviceSchema>;
export type MountedOcfs2 = z.infer<typeof mountedOcfs2Schema>;

interface Column {
  name: string;
  start: number;
}

interface Token {
  start: number;
  end: number;
}

const HEADER = /^Device\s/;
const WORD = /\S+/g;
const UUID =
  /^(?:[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;

function tokens(line: string): Token[] {
  const found: Token[] = [];
  for (const match of line.matchAll(WORD)) {
    found.push({ start: match.index, end: match.index + match[0].length });
  }
  return found;
}

function readHeader(line: string): Column[] {
  return [...line.matchAll(WORD)].map((match) => ({ name: match[0], start: match.index }));
}

function modeOf(columns: Column[]): MountedOcfs2Mode | null {
  if (columns.some((column) => column.name === "Nodes")) return "full";
  if (columns.some((column) => column.name === "UUID")) return "detect";
  return null;
}

/**
 * Assigns each word of a row to a header column. mounted.ocfs2 left-aligns every value under its
 * header word and leaves empty columns blank, so a word belongs to the nearest column start; only
 * the last column (Nodes or Label) holds several words.
 */
function splitRow(line: string, columns: Column[]): Map<string, string> {
  const values = new Map<string, string>();
  const lastColumn = columns.length - 1;
  const uuidColumn = columns.findIndex((column) => column.name === "UUID");
  let previous = -1;
  let lastStart = -1;
  for (const token of tokens(line)) {
    let chosen: number;
    if (previous === lastColumn) {
      chosen = lastColumn;
    } else if (uuidColumn > previous && UUID.test(line.slice(token.start, token.end))) {
      chosen = uuidColumn;
    } else {
      chosen = previous + 1;
      let distance = Math.abs((columns[chosen]?.start ?? 0) - token.start);
      for (let candidate = chosen + 1; candidate <= lastColumn; candidate++) {
        const candidateDistance = Math.abs((columns[candidate]?.start ?? 0) - token.start);
        if (candidateDistance > distance) break;
        chosen = candidate;
        distance = candidateDistance;
      }
    }
    if (chosen === lastColumn && previous !== lastColumn) lastStart = token.start;
    previous = chosen;
    const name = columns[chosen]?.name;
    if (name === undefined) continue;
    if (chosen === lastColumn) {
      values.set(name, line.slice(lastStart, token.end));
    } else {
      values.set(name, line.slice(token.start, token.end));
    }
  }
  return values;
}

function nodesOf(value: string | undefined): {
  mountedOn: string[] | null;
  heartbeatDevice: boolean;
} {
  if (value === undefined || value === "") return { mountedOn: null, heartbeatDevice: false };
  if (value === "Not mounted") return { mountedOn: [], heartbeatDevice: false };
  if (value === "Heartbeat device") return { mountedOn: [], heartbeatDevice: true };
  return {
    mountedOn: value
      .split(",")
      .map((node) => node.trim())
      .filter((node) => node !== ""),
    heartbeatDevice: false,
  };
}

export function parseMountedOcfs2(text: string): ParseResult<MountedOcfs2> {
  return parseText(FORMAT, text, (input) => {
    const lines = splitLines(input);
    let columns: Column[] | null = null;
    let mode: MountedOcfs2Mode | null = null;
    const devices: MountedOcfs2Device[] = [];

    for (let index = 0; index < lines.length; index++) {
      const line = (lines[index] ?? "").trimEnd();
      if (line.trim() === "") continue;

      if (HEADER.test(line)) {
        const header = readHeader(line);
        const headerMode = modeOf(header);
        if (headerMode === null) {
          return fail(FORMAT, index + 1, "header has neither a Nodes (-f) nor a UUID (-d) column");
        }
        if (mode !== null && headerMode !== mode) {
          return fail(FORMAT, index + 1, `a ${headerMode} header follows ${mode} output`);
        }
        columns = header;
        mode = headerMode;
        continue;
      }
      if (columns === null || mode === null) {
        return fail(
          FORMAT,
          index + 1,
          'expected the "Device ..." header that mounted.ocfs2 -d / -f prints first',
        );
      }

      const values = splitRow(line, columns);
      const device = values.get("Device");
      if (device === undefined) continue;
      const flags = values.get("F") ?? null;
      const nodes = mode === "full" ? nodesOf(values.get("Nodes")) : null;
      devices.push({
        device,
        stack: values.get("Stack") ?? null,
        cluster: values.get("Cluster") ?? null,
        flags,
        globalHeartbeat: flags === "G",
        uuid: values.get("UUID") ?? null,
        label: values.get("Label") ?? null,
        mountedOn: nodes === null ? null : nodes.mountedOn,
        heartbeatDevice: nodes?.heartbeatDevice ?? false,
      });
    }

    if (mode === null) {
      return fail(FORMAT, null, "no mounted.ocfs2 header found (empty output)");
    }
    return ok({ mode, devices });
  });
}
