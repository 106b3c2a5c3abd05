import { z } from "zod";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { canLose, type CanLose } from "@/lib/whatif/can-lose";
import { readVoteModel } from "@/lib/whatif/model";
import { parseTarget, type WhatIfResult } from "@/lib/whatif/types";
import { whatIf } from "@/lib/whatif/what-if";

const toneSchema = z.enum(["ok", "warn", "crit", "unknown", "info"]);

/** "If this fails": one node's or the QDevice's answer. */
export const failureAnswerSchema = z.object({
  /** As `evaluate --fail` writes it: a node name or "qdevice". */
  target: z.string(),
  /** "pve2" or "the QDevice". */
  label: z.string(),
  quorum: z.enum(["holds", "lost", "unknown"]),
  tone: toneSchema,
  /** "quorum holds", "quorum is lost", "unknown". */
  word: z.string(),
  /** "2 of 3 votes, quorum 2", or null when not known. */
  votes: z.string().nullable(),
  /** Set when the target casts no vote now, so losing it changes nothing. */
  note: z.string().nullable(),
  breaks: z.array(z.string()),
  unknownBecause: z.array(z.string()),
});

export const overviewWhatIfSchema = z.object({
  answers: z.array(failureAnswerSchema),
  /** "can lose: pve2 or the QDevice, not both". */
  canLose: z.string(),
});

export type FailureAnswer = z.infer<typeof failureAnswerSchema>;
export type OverviewWhatIf = z.infer<typeof overviewWhatIfSchema>;

const label = (target: string) => (target === "qdevice" ? "the QDevice" : target);

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** "pve1, pve2 or pve3"; past four voters, "its 15 nodes (or the QDevice)". */
function voterList(voters: readonly string[]): string {
  if (voters.length <= 4) return orList(voters.map(label));
  const nodes = voters.filter((v) => v !== "qdevice").length;
  return `its ${nodes} nodes${voters.includes("qdevice") ? " or the QDevice" : ""}`;
}

/** The wall's line: which single failures keep quorum, and whether any two do. */
export function canLoseSentence(c: CanLose): string {
  if (c.quorate === null) return "can lose: unknown";
  if (!c.quorate) return "can lose: nothing, quorum is lost";
  const n = c.singles.length;
  if (n === 0) return "can lose: nothing";
  if (n === 1) return `can lose: ${label(c.singles[0]!)} alone`;
  const allPairs = (n * (n - 1)) / 2;
  if (c.pairs.length === 0) {
    return n === 2
      ? `can lose: ${label(c.singles[0]!)} or ${label(c.singles[1]!)}, not both`
      : `can lose: any one of ${voterList(c.singles)}, not two`;
  }
  if (c.pairs.length === allPairs) {
    return n === 2
      ? `can lose: ${label(c.singles[0]!)} and ${label(c.singles[1]!)}, even both`
      : `can lose: any two of ${voterList(c.singles).replace(/ or /, " and ")}`;
  }
  const pairs =
    c.pairs.length <= 3
      ? orList(c.pairs.map(([a, b]) => `${label(a)} + ${label(b)}`))
      : `${c.pairs.length} of the ${allPairs} pairs`;
  return `can lose: any one of ${voterList(c.singles)}; two only as ${pairs}`;
}

function answer(target: string, result: WhatIfResult, counted: boolean): FailureAnswer {
  const v = result.votes;
  const quorum = result.quorate === null ? "unknown" : result.quorate ? "holds" : "lost";
  return {
    target,
    label: label(target),
    quorum,
    tone: quorum === "holds" ? "ok" : quorum === "lost" ? "crit" : "unknown",
    word: quorum === "holds" ? "quorum holds" : quorum === "lost" ? "quorum is lost" : "unknown",
    votes:
      v && result.quorate !== null ? `${v.total} of ${v.expected} votes, quorum ${v.quorum}` : null,
    note: counted ? null : `${label(target)} casts no vote now`,
    breaks: result.breaks,
    unknownBecause: result.unknownBecause,
  };
}

/** "If this fails" for every configured node and the QDevice, by the what-if engine. */
export function toOverviewWhatIf(view: EvaluatedCluster): OverviewWhatIf {
  const reading = readVoteModel(view.snapshot);
  const names = reading.ok
    ? reading.model.configured.map((n) => n.name)
    : view.snapshot.nodes.map((n) => n.name);
  const targets = [...names];
  if (reading.ok && reading.model.qdeviceConfigured) targets.push("qdevice");
  // Votes that count now: the quorate partition's, else every partition's.
  const parts = reading.ok ? reading.model.partitions : [];
  const speaking = parts.some((p) => p.state.quorate)
    ? parts.filter((p) => p.state.quorate)
    : parts;
  const counted = new Set(
    speaking.flatMap((p) => [
      ...p.members.map((m) => m.name),
      ...(p.qdeviceVotes > 0 ? ["qdevice"] : []),
    ]),
  );
  const answers = targets.map((target) => {
    try {
      return answer(
        target,
        whatIf(view, [parseTarget(target)], { rules: false }),
        !reading.ok || counted.has(target),
      );
    } catch (err) {
      const because = err instanceof Error ? err.message : String(err);
      return answer(
        target,
        {
          failed: [target],
          quorate: null,
          lostVotes: 0,
          newFindings: [],
          unknownBecause: [because],
          after: view,
          breaks: [],
          votes: null,
          partitions: [],
        },
        true,
      );
    }
  });
  return { answers, canLose: canLoseSentence(canLose(view)) };
}
