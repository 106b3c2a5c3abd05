import { z } from "zod";
import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { haView } from "@/lib/health/views-ha";
import { rebootReadiness } from "@/lib/readiness/readiness";
import { rollingOrder, type StepState } from "@/lib/readiness/rolling-order";
import {
  CHECK_IDS,
  type CheckId,
  type CheckLevel,
  type NodeReadiness,
} from "@/lib/readiness/types";
import type { Tone } from "./tone";

const toneSchema = z.enum(["ok", "warn", "crit", "unknown", "info"]);
const STEP_STATES = ["done", "now", "after-previous", "blocked", "unknown"] as const;

export const readinessCheckModelSchema = z.object({
  id: z.enum(CHECK_IDS),
  label: z.string(),
  level: z.enum(["ok", "warning", "no", "unknown"]),
  tone: toneSchema,
  text: z.string(),
});

export const nodeReadinessModelSchema = z.object({
  node: z.string(),
  answer: z.enum(["yes", "no", "unknown"]),
  /** "Yes", "Yes, with a warning", "No", "Unknown": what the badge says. */
  word: z.string(),
  tone: toneSchema,
  /** The first reason that decides the answer, or the first warning; null when all is well. */
  headline: z.string().nullable(),
  checks: z.array(readinessCheckModelSchema),
  consequences: z.array(z.string()),
  runningKernel: z.string().nullable(),
  nextBootKernel: z.string().nullable(),
  rebootPending: z.boolean().nullable(),
});

export const upgradeStepModelSchema = z.object({
  position: z.number().int(),
  node: z.string(),
  state: z.enum(STEP_STATES),
  stateWord: z.string(),
  tone: toneSchema,
});

/** "Safe to reboot now?" for every node, and the rolling upgrade's order built on it. */
export const rebootModelSchema = z.object({
  nodes: z.array(nodeReadinessModelSchema),
  plan: z.object({
    steps: z.array(upgradeStepModelSchema),
    offered: z.string().nullable(),
    sentence: z.string(),
  }),
});

export type ReadinessCheckModel = z.infer<typeof readinessCheckModelSchema>;
export type NodeReadinessModel = z.infer<typeof nodeReadinessModelSchema>;
export type UpgradeStepModel = z.infer<typeof upgradeStepModelSchema>;
export type RebootModel = z.infer<typeof rebootModelSchema>;

const CHECK_LABELS: Record<CheckId, string> = {
  sources: "Data",
  quorum: "Quorum without it",
  drbd: "DRBD",
  "ocfs2-kernel": "OCFS2 kernels",
  "ha-guests": "HA guests",
  "others-back": "Other nodes back",
};

const LEVEL_TONES: Record<CheckLevel, Tone> = {
  ok: "ok",
  warning: "warn",
  no: "crit",
  unknown: "unknown",
};

const STEP_WORDS: Record<StepState, { word: string; tone: Tone }> = {
  done: { word: "Runs its next kernel", tone: "ok" },
  now: { word: "Reboot now", tone: "ok" },
  "after-previous": { word: "After the previous node is back", tone: "info" },
  blocked: { word: "Blocked", tone: "crit" },
  unknown: { word: "Unknown", tone: "unknown" },
};

function nodeModel(r: NodeReadiness): NodeReadinessModel {
  const warnings = r.checks.filter((c) => c.level === "warning");
  const deciding =
    r.answer === "no"
      ? r.checks.find((c) => c.level === "no")
      : r.answer === "unknown"
        ? r.checks.find((c) => c.level === "unknown")
        : warnings[0];
  const word =
    r.answer === "no"
      ? "No"
      : r.answer === "unknown"
        ? "Unknown"
        : warnings.length === 0
          ? "Yes"
          : `Yes, with ${warnings.length === 1 ? "a warning" : `${warnings.length} warnings`}`;
  return {
    node: r.node,
    answer: r.answer,
    word,
    tone:
      r.answer === "yes"
        ? warnings.length > 0
          ? "warn"
          : "ok"
        : r.answer === "no"
          ? "crit"
          : "unknown",
    headline: deciding?.text ?? null,
    checks: r.checks.map((c) => ({
      id: c.id,
      label: CHECK_LABELS[c.id],
      level: c.level,
      tone: LEVEL_TONES[c.level],
      text: c.text,
    })),
    consequences: r.consequences,
    runningKernel: r.runningKernel,
    nextBootKernel: r.nextBootKernel,
    rebootPending: r.rebootPending,
  };
}

function build(view: EvaluatedCluster): RebootModel {
  const readiness = rebootReadiness(view);
  const plan = rollingOrder(readiness, haView(view.snapshot)?.master ?? null);
  return {
    nodes: readiness.map(nodeModel),
    plan: {
      steps: plan.steps.map((s, index) => ({
        position: index + 1,
        node: s.node,
        state: s.state,
        stateWord: STEP_WORDS[s.state].word,
        tone: STEP_WORDS[s.state].tone,
      })),
      offered: plan.offered,
      sentence: plan.sentence,
    },
  };
}

// One what-if per node is the costly part; a view is immutable, so each is judged once however
// many viewers ask.
const built = new WeakMap<EvaluatedCluster, RebootModel>();

/** The overview's and the rolling-upgrade view's reboot answers for one evaluated cluster. */
export function toRebootModel(view: EvaluatedCluster): RebootModel {
  const cached = built.get(view);
  if (cached) return cached;
  const model = build(view);
  built.set(view, model);
  return model;
}
