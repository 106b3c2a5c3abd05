import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsers, PARSE_FORMATS, type ParseFormat, type ParseResult } from "./index";
import { MAX_INPUT_CHARS } from "./result";
import { listFixtures, readFixture } from "./test-helpers";

/** Real samples per format, the seeds the mutations start from. */
const SEEDS: Record<ParseFormat, [folder: string, pattern: RegExp][]> = {
  "corosync-quorumtool": [
    ["corosync-cli", /quorumtool|pvecm-status/],
    ["corosync-cli/lab", /^quorumtool/],
  ],
  "corosync-qdevice-tool": [
    ["corosync-cli", /qdevice-tool/],
    ["corosync-cli/lab", /^qdevice-tool/],
  ],
  "corosync-conf": [["pve-config", /^corosync-conf/]],
  "drbdsetup-json": [["drbd", /\.json$/]],
  "drbdadm-status": [["drbd", /^drbdadm-status|status-verbose/]],
  "drbdsetup-events2": [["drbd", /events2/]],
  "proc-drbd": [["drbd", /^proc-drbd/]],
  "proc-mounts": [["ocfs2", /^proc-mounts/]],
  "mounted-ocfs2": [["ocfs2", /^mounted-ocfs2/]],
  "o2cb-status": [["ocfs2", /^o2cb-(cluster-status|init|initd)/]],
  "ocfs2-cluster-conf": [["ocfs2", /^cluster-conf/]],
  "kernel-log": [
    ["ocfs2", /^kernel-log/],
    ["drbd", /^kernel-log/],
  ],
  "storage-cfg": [["pve-config", /^storage-cfg/]],
  "corosync-cfgtool": [
    ["corosync-cli", /^corosync-cfgtool-/],
    ["corosync-cli/lab", /^cfgtool-s-/],
    ["lab", /^cfgtool-s-/],
  ],
  "corosync-cmapctl-stats": [["lab", /^cmapctl-m-stats-/]],
  "proxmox-boot-tool-kernel-list": [["proxmox-boot", /^kernel-list-/]],
};

function seeds(format: ParseFormat): string[] {
  return SEEDS[format].flatMap(([folder, pattern]) =>
    listFixtures(folder)
      .filter((name) => pattern.test(name))
      .map((name) => readFixture(`${folder}/${name}`)),
  );
}

/** The contract every parser keeps on any input: a typed result, never an exception. */
function assertTyped(format: ParseFormat, result: ParseResult<unknown>) {
  if (result.ok) {
    expect(() => JSON.stringify(result.value)).not.toThrow();
  } else {
    expect(result.error.format).toBe(format);
    expect(typeof result.error.message).toBe("string");
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(
      result.error.line === null || (Number.isInteger(result.error.line) && result.error.line >= 1),
    ).toBe(true);
  }
}

const mutation = (seed: string) =>
  fc.oneof(
    fc.nat(seed.length).map((n) => seed.slice(0, n)),
    fc
      .tuple(fc.nat(seed.length), fc.string({ maxLength: 40 }))
      .map(([n, s]) => seed.slice(0, n) + s + seed.slice(n)),
    fc
      .tuple(fc.nat(seed.length), fc.nat(200))
      .map(([n, k]) => seed.slice(0, n) + seed.slice(n + k)),
    fc.array(fc.nat(), { maxLength: 6 }).map((picks) => {
      const lines = seed.split("\n");
      for (const p of picks)
        lines.splice(p % (lines.length || 1), 0, lines[p % (lines.length || 1)] ?? "");
      return lines.join("\n");
    }),
    fc.array(fc.nat(), { maxLength: 6 }).map((picks) => {
      const lines = seed.split("\n");
      for (const p of picks) lines.splice(p % (lines.length || 1), 1);
      return lines.join("\n");
    }),
    fc.constant(seed.replace(/\n/g, "\r\n")),
    fc.constant(seed.replace(/[0-9]/g, "x")),
  );

describe.each(PARSE_FORMATS)("%s parser on hostile input", (format) => {
  const parse = parsers[format];
  const samples = seeds(format);

  it("has real samples to mutate", () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it("returns a typed result for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2_000 }), (text) =>
        assertTyped(format, parse(text)),
      ),
      { numRuns: 300 },
    );
  });

  it("returns a typed result for arbitrary lines of tool-like tokens", () => {
    const token = fc.constantFrom(
      "Quorate:",
      "Yes",
      "No",
      "Nodeid",
      "Votes",
      "0x00000001",
      "{",
      "}",
      ":",
      "role:Primary",
      "disk:UpToDate",
      "connection:StandAlone",
      "cs:Connected",
      "ro:Primary/Secondary",
      "ocfs2",
      "rw,relatime",
      "node:",
      "dir: local",
      "\tshared 1",
      "kernel:",
      "ERROR:",
      "drbd r0:",
      "=",
      "[",
      "]",
      '"',
      "null",
      "-1",
      "Pinned kernel:",
      "None.",
      "6.5.13-1-pve",
      "99999999999999999999",
    );
    const line = fc.array(token, { maxLength: 8 }).map((t) => t.join(" "));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) =>
        assertTyped(format, parse(lines.join("\n"))),
      ),
      { numRuns: 300 },
    );
  });

  it("returns a typed result for mutated real samples", () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples).chain(mutation), (text) =>
        assertTyped(format, parse(text)),
      ),
      { numRuns: 400 },
    );
  });

  it("refuses a 10 MB input with a typed error instead of reading it", () => {
    const big = "x".repeat(10 * 1024 * 1024);
    const result = parse(big);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(String(MAX_INPUT_CHARS));
  });

  it("finishes on an input just under the limit made of its own real lines", () => {
    const seed = samples[0]!;
    const repeated = seed.repeat(Math.floor((MAX_INPUT_CHARS - 1) / Math.max(seed.length, 1)));
    assertTyped(format, parse(repeated));
  });
});
