import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/parsers/test-helpers";
import { linksSection } from "./collect";
import type { RunOutcome } from "./exec";
import type { RawName, RawReader } from "./sources/raw";

const cfgtool = readFixture("lab/cfgtool-s-3node-link1-cut-pve2-pve1.txt");
const stats = readFixture("lab/cmapctl-m-stats-3node-link1-cut-pve2-pve1.txt");

function reader(outcomes: Partial<Record<RawName, RunOutcome>>): RawReader {
  return {
    mode: "root",
    nodeName: () => "pve1",
    read: (name) =>
      Promise.resolve(
        outcomes[name] ?? { ok: false, reason: "not-installed", message: `${name} does not exist` },
      ),
    kernelRelease: () => Promise.resolve(null),
    clock: () => Promise.resolve({ epochMs: 0, offsetMs: null }),
  };
}

const text = (stdout: string): RunOutcome => ({ ok: true, stdout, exitCode: 0 });

describe("the links section", () => {
  it("both tools answer → ok with link status and knet statistics", async () => {
    const section = await linksSection(
      reader({ "corosync-cfgtool.txt": text(cfgtool), "corosync-cmapctl-stats.txt": text(stats) }),
    );
    expect(section).toMatchObject({
      status: "ok",
      source: "corosync-cfgtool.txt, corosync-cmapctl-stats.txt",
      data: { cfgtool: { localNodeId: 1 }, stats: { nodes: [{}, {}, {}] } },
    });
    expect(section).not.toHaveProperty("notes");
  });

  it("knet statistics unreadable → ok with the link status, stats null and the reason as a note", async () => {
    const section = await linksSection(
      reader({ "corosync-cfgtool.txt": text(cfgtool), "corosync-cmapctl-stats.txt": text("junk") }),
    );
    expect(section).toMatchObject({
      status: "ok",
      source: "corosync-cfgtool.txt",
      data: { stats: null },
      notes: [expect.stringMatching(/^corosync-cmapctl-stats\.txt: parse-error: /) as unknown],
    });
  });

  it("only knet statistics present (a scenario without cfgtool output) → ok with cfgtool null", async () => {
    const section = await linksSection(reader({ "corosync-cmapctl-stats.txt": text(stats) }));
    expect(section).toMatchObject({ status: "ok", data: { cfgtool: null } });
  });

  it("neither file present → absent, not-installed (no corosync links to show)", async () => {
    expect(await linksSection(reader({}))).toMatchObject({
      status: "absent",
      source: "corosync-cfgtool.txt",
      reason: "not-installed",
    });
  });

  it("neither readable → absent with the reason that tells more than not-installed", async () => {
    const section = await linksSection(
      reader({
        "corosync-cfgtool.txt": { ok: false, reason: "permission-denied", message: "denied" },
      }),
    );
    expect(section).toMatchObject({ status: "absent", reason: "permission-denied" });
  });
});
