import { describe, expect, it } from "vitest";
import type { Finding } from "@/lib/health/types";
import { findingGroups, pageTitle, remedyParts, summaryLine } from "./finding-text";
import { toOverviewModel } from "./overview";
import { evaluated } from "./test-helpers";

describe("remedy commands", () => {
  it("splits the split-brain recovery into its prose and one part per command, in order", async () => {
    const model = toOverviewModel(await evaluated("drbd9-split-brain"), null);
    const finding = model.findings.find((f) => f.rule === "drbd.split-brain")!;
    const parts = remedyParts(finding.remedy);
    expect(parts.filter((p) => p.kind === "command").map((p) => p.text)).toEqual([
      "drbdadm disconnect vm-104-disk-1",
      "drbdadm secondary vm-104-disk-1",
      "drbdadm connect --discard-my-data vm-104-disk-1",
      "drbdadm connect vm-104-disk-1",
      "drbdadm verify vm-104-disk-1",
    ]);
    // The commas and the full stop between commands are not left behind as prose of their own.
    expect(parts.filter((p) => p.kind === "text").every((p) => /\w/.test(p.text))).toBe(true);
    expect(parts[0]).toMatchObject({ kind: "text" });
    expect(parts[0]!.text).toMatch(/^Choose the victim.*On the victim:$/);
  });

  it("keeps a remedy without commands as one piece of prose", () => {
    expect(remedyParts("Wait one refresh interval.")).toEqual([
      { kind: "text", text: "Wait one refresh interval." },
    ]);
  });

  it("leaves an unmatched backtick in the prose instead of inventing a command", () => {
    expect(remedyParts("Run `pvecm status` and `check")).toEqual([
      { kind: "text", text: "Run" },
      { kind: "command", text: "pvecm status" },
      { kind: "text", text: "and `check" },
    ]);
  });
});

describe("one-line summary", () => {
  it("is the first sentence, past a quoted kernel message", () => {
    expect(
      summaryLine(
        'pve2 is StandAlone towards pve1; kernel log: "Split-Brain detected, dropping connection!". Both sides wrote data.',
      ),
    ).toBe(
      'pve2 is StandAlone towards pve1; kernel log: "Split-Brain detected, dropping connection!".',
    );
  });

  it("does not end at a version number or a lower-case abbreviation", () => {
    expect(summaryLine("Kernels 6.2 and 6.5 differ, e.g. on pve1. More text.")).toBe(
      "Kernels 6.2 and 6.5 differ, e.g. on pve1.",
    );
  });

  it("shortens a very long first sentence at a word, with an ellipsis", () => {
    const line = summaryLine(`${"word ".repeat(80)}end.`);
    expect(line.length).toBeLessThanOrEqual(181);
    expect(line.endsWith("word…")).toBe(true);
  });
});

describe("groups and title", () => {
  const f = (severity: Finding["severity"], rule = "quorum.lost"): Finding =>
    ({ rule, severity, subject: "cluster", title: "t", detail: "d", remedy: "r" }) as Finding;

  it("orders groups critical, warning, unknown, info with their counts", () => {
    const groups = findingGroups([f("info"), f("warning"), f("critical"), f("warning")]);
    expect(groups.map((g) => [g.severity, g.count, g.heading])).toEqual([
      ["critical", 1, "1 critical finding"],
      ["warning", 2, "2 warnings"],
      ["info", 1, "1 note"],
    ]);
  });

  it("puts the worst state first in the page title", () => {
    expect(pageTitle("CRITICAL", "prod")).toBe("CRITICAL · prod · Tiebreaker");
    expect(pageTitle(null, null)).toBe("Tiebreaker");
  });
});
