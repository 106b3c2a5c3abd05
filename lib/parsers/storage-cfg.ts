import { fail, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "storage-cfg";

export interface StorageCfgEntry {
  /** Plugin type, lower-cased as PVE does (`dir`, `nfs`, `drbd`, or any third-party type). */
  type: string;
  id: string;
  /** 1-based line of the section header. */
  line: number;
  /** Every property as written; a bare key (a flag such as `sparse` or `krbd`) reads as true. */
  properties: Record<string, string | true>;
  content: string[];
  /** Nodes the storage is restricted to; null = all nodes. */
  nodes: string[] | null;
  /** Explicit `shared 1`, or a type PVE always treats as shared. */
  shared: boolean;
  disabled: boolean;
  path: string | null;
  /** `is_mountpoint`: a yes/no flag, or the path that must be a mountpoint; null when absent. */
  isMountpoint: string | boolean | null;
  /** LINSTOR plugin (`drbd:`): number of replicas. */
  redundancy: number | null;
  /** LINSTOR plugin: controller address. */
  controller: string | null;
  /** LINSTOR plugin: VMID of the VM that runs the controller. */
  controllerVm: number | null;
}

export interface StorageCfgWarning {
  line: number;
  message: string;
}

export interface StorageCfg {
  storages: StorageCfgEntry[];
  warnings: StorageCfgWarning[];
}

/** PVE::Storage forces `shared` on for these types. `zfs` is ZFS over iSCSI; `zfspool` is local. */
export const SHARED_STORAGE_TYPES: ReadonlySet<string> = new Set([
  "nfs",
  "cifs",
  "glusterfs",
  "cephfs",
  "rbd",
  "iscsi",
  "iscsidirect",
  "drbd",
  "pbs",
  "zfs",
]);

const SECTION_HEADER = /^(\S+):\s*(\S+)\s*$/;
const STORAGE_ID = /^[a-z][a-z0-9._-]*[a-z0-9]$/i;
const LIST_SEPARATOR = /[\s,;]+/;
const TRUE_WORD = /^(?:1|on|yes|true)$/i;
const FALSE_WORD = /^(?:0|off|no|false)$/i;

interface OpenSection {
  type: string;
  id: string;
  line: number;
  properties: Map<string, string | true>;
}

/** PVE booleans: a bare key means true; 1/on/yes/true and 0/off/no/false in any case. */
function booleanOf(value: string | true): boolean | null {
  if (value === true || TRUE_WORD.test(value)) return true;
  if (FALSE_WORD.test(value)) return false;
  return null;
}

/** A property that takes a value; a bare key of that name carries none. */
function textOf(value: string | true | undefined): string | null {
  return typeof value === "string" ? value : null;
}

function listOf(value: string | true | undefined): string[] {
  const text = textOf(value);
  if (text === null) return [];
  return text.split(LIST_SEPARATOR).filter((item) => item !== "");
}

export function parseStorageCfg(text: string): ParseResult<StorageCfg> {
  return parseText(FORMAT, text, (input) => {
    const warnings: StorageCfgWarning[] = [];
    const byId = new Map<string, StorageCfgEntry>();
    let open: OpenSection | null = null;
    let firstContentLine: number | null = null;
    let headers = 0;

    const warn = (line: number, message: string): void => {
      warnings.push({ line, message });
    };

    const close = (section: OpenSection | null): void => {
      if (section === null) return;
      const properties = section.properties;
      const flag = (key: string): boolean => {
        const value = properties.get(key);
        if (value === undefined) return false;
        const parsed = booleanOf(value);
        if (parsed === null) {
          warn(section.line, `storage '${section.id}': '${key}' is not a boolean: '${value}'`);
        }
        return parsed ?? false;
      };
      const integer = (key: string): number | null => {
        const value = properties.get(key);
        if (value === undefined) return null;
        if (value !== true && /^\d+$/.test(value)) return Number(value);
        const shown = value === true ? "no value" : `'${value}'`;
        warn(section.line, `storage '${section.id}': '${key}' is not an integer: ${shown}`);
        return null;
      };
      const mountpoint = properties.get("is_mountpoint");
      const explicitlyShared = flag("shared");
      const entry: StorageCfgEntry = {
        type: section.type,
        id: section.id,
        line: section.line,
        properties: Object.fromEntries(properties),
        content: listOf(properties.get("content")),
        nodes: properties.has("nodes") ? listOf(properties.get("nodes")) : null,
        shared: SHARED_STORAGE_TYPES.has(section.type) || explicitlyShared,
        disabled: flag("disable"),
        path: textOf(properties.get("path")),
        isMountpoint: mountpoint === undefined ? null : (booleanOf(mountpoint) ?? mountpoint),
        redundancy: integer("redundancy"),
        controller: textOf(properties.get("controller")),
        controllerVm: integer("controllervm"),
      };
      if (byId.has(section.id)) {
        warn(
          section.line,
          `storage '${section.id}' is defined again; PVE keeps this later section`,
        );
        byId.delete(section.id);
      }
      byId.set(section.id, entry);
    };

    const lines = splitLines(input);
    for (let index = 0; index < lines.length; index++) {
      const lineNumber = index + 1;
      const line = lines[index] ?? "";
      // PVE ends a section only at an empty line; comments never end one.
      if (line === "") {
        close(open);
        open = null;
        continue;
      }
      const trimmed = line.trim();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      firstContentLine ??= lineNumber;

      const indented = line !== line.trimStart();
      const header = indented ? null : SECTION_HEADER.exec(line);
      if (header) {
        headers++;
        if (open !== null) {
          warn(
            lineNumber,
            `no empty line before this section header: PVE ignores it and reads the following properties into '${open.id}'`,
          );
        }
        close(open);
        const type = (header[1] ?? "").toLowerCase();
        const id = header[2] ?? "";
        if (!STORAGE_ID.test(id)) {
          warn(lineNumber, `storage id '${id}' is not valid; PVE skips this section`);
        }
        open = { type, id, line: lineNumber, properties: new Map() };
        continue;
      }

      if (!indented) {
        warn(lineNumber, `not a section header or an indented property; PVE ignores: ${trimmed}`);
        continue;
      }
      if (open === null) {
        warn(lineNumber, `property outside any section; PVE ignores: ${trimmed}`);
        continue;
      }
      const space = trimmed.search(/\s/);
      const key = space === -1 ? trimmed : trimmed.slice(0, space);
      const value = space === -1 ? true : trimmed.slice(space + 1).trim();
      if (open.properties.has(key)) {
        warn(lineNumber, `storage '${open.id}': duplicate property '${key}'; PVE keeps the first`);
        continue;
      }
      open.properties.set(key, value);
    }
    close(open);

    if (firstContentLine !== null && headers === 0) {
      return fail(FORMAT, firstContentLine, 'no "<type>: <storage id>" section header found');
    }
    warnings.sort((a, b) => a.line - b.line);
    return ok({ storages: [...byId.values()], warnings });
  });
}
