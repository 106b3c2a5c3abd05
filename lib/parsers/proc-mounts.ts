import { z } from "zod";
import { fail, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "proc-mounts";

/** One line of /proc/mounts: `device mountpoint fstype options dump pass`. */
const mountEntrySchema = z.object({
  device: z.string(),
  mountpoint: z.string(),
  fsType: z.string(),
  /** True when the options include `ro`. */
  readOnly: z.boolean(),
  /** Mount options in kernel order, escapes decoded. */
  options: z.array(z.string()),
});

export const procMountsSchema = z.array(mountEntrySchema);

export type MountEntry = z.infer<typeof mountEntrySchema>;

const OCTAL_ESCAPE = /\\([0-7]{3})/g;
const FIELD_SEPARATOR = /[ \t]+/;

/** The kernel writes space, tab, newline and backslash in paths as `\040`, `\011`, `\012`, `\134`. */
export function decodeMountEscapes(value: string): string {
  return value.replace(OCTAL_ESCAPE, (_match, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );
}

export function parseProcMounts(text: string): ParseResult<MountEntry[]> {
  return parseText(FORMAT, text, (input) => {
    const entries: MountEntry[] = [];
    const lines = splitLines(input);
    for (let index = 0; index < lines.length; index++) {
      const trimmed = (lines[index] ?? "").trim();
      if (trimmed === "") continue;
      const fields = trimmed.split(FIELD_SEPARATOR);
      const [device, mountpoint, fsType, options] = fields;
      if (
        device === undefined ||
        mountpoint === undefined ||
        fsType === undefined ||
        options === undefined
      ) {
        return fail(
          FORMAT,
          index + 1,
          `expected "device mountpoint fstype options", found ${fields.length} field(s)`,
        );
      }
      if (mountpoint === "on" && options === "type") {
        return fail(FORMAT, index + 1, "this is `mount` command output, not /proc/mounts");
      }
      const optionList = options
        .split(",")
        .filter((option) => option !== "")
        .map(decodeMountEscapes);
      entries.push({
        device: decodeMountEscapes(device),
        mountpoint: decodeMountEscapes(mountpoint),
        fsType: decodeMountEscapes(fsType),
        readOnly: optionList.includes("ro"),
        options: optionList,
      });
    }
    return ok(entries);
  });
}
