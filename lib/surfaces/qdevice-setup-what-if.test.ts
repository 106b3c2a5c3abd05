import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { gatherFacts } from "./qdevice-setup-facts";
import { whatIf } from "./qdevice-setup-what-if";

const scenariosDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../scenarios");
const NOW = Date.parse("2026-11-30T08:00:00Z");

describe("QDevice wizard: before and after from the what-if engine", () => {
  it("answers from the live cluster: with one node already down, losing the other is lost either way", async () => {
    const view = await evaluateScenario(
      path.join(scenariosDir, "two-node-no-qdevice-node-down"),
      NOW,
    );
    const w = whatIf(view, gatherFacts(view), "setup")!;
    expect(w.before.losses.map((l) => l.sentence)).toEqual([
      "0 of 2 votes left, quorum 2: quorum lost",
    ]);
    // With a QDevice pve1 would hold 2 of 3 (qnetd votes for the half with the only live node),
    // but losing pve1 too leaves no member for the QDevice to vote with.
    expect(w.after.losses.map((l) => `${l.lost}: ${l.sentence}`)).toEqual([
      "one node: 0 of 3 votes left, quorum 2: quorum lost",
      "the qnetd host: 1 of 3 votes left, quorum 2: quorum lost",
    ]);
  });

  it("three nodes with an lms QDevice of 2 votes: the QDevice lost still leaves 3 of 5", async () => {
    const view = await evaluateScenario(path.join(scenariosDir, "three-node-qdevice"), NOW);
    const w = whatIf(view, gatherFacts(view), "remove")!;
    expect(w.before.losses.map((l) => `${l.lost}: ${l.sentence}`)).toEqual([
      "one node: 4 of 5 votes left, quorum 3: quorum holds",
      "the qnetd host: 3 of 5 votes left, quorum 3: quorum holds",
    ]);
    expect(w.after.losses.map((l) => l.sentence)).toEqual([
      "2 of 3 votes left, quorum 2: quorum holds",
    ]);
  });
});
