import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { freshReport } from "@/lib/health/views";
import type { NodeSnapshot } from "@/lib/snapshot/types";
import { drbdCheck } from "./drbd-check";
import { haGuestsCheck } from "./ha-check";
import { nextBootKernel, ocfs2KernelCheck } from "./ocfs2-check";
import { othersBackCheck } from "./others-back-check";
import { quorumCheck } from "./quorum-check";
import { sourcesCheck } from "./sources";
import { REBOOT_SETTLE_SECONDS } from "./thresholds";
import type { NodeReadiness, ReadinessCheck, RebootAnswer } from "./types";

export interface ReadinessOptions {
  /** How long a node must have been up to count as back from a reboot. */
  settleSeconds?: number;
}

/** Any `no` decides; otherwise anything not known makes the answer unknown, never yes. */
export function answerOf(checks: readonly ReadinessCheck[]): RebootAnswer {
  if (checks.some((c) => c.level === "no")) return "no";
  if (checks.some((c) => c.level === "unknown")) return "unknown";
  return "yes";
}

function nodeReadiness(
  view: EvaluatedCluster,
  node: NodeSnapshot,
  settleSeconds: number,
): NodeReadiness {
  const { snapshot } = view;
  const quorum = quorumCheck(view, node.name);
  const checks: ReadinessCheck[] = [
    sourcesCheck(snapshot, node),
    quorum.check,
    drbdCheck(snapshot, node),
    ocfs2KernelCheck(snapshot, node),
    haGuestsCheck(snapshot, node),
    othersBackCheck(snapshot, node, settleSeconds),
  ];
  const runningKernel = freshReport(node)?.kernelRelease ?? null;
  const next = nextBootKernel(node);
  return {
    node: node.name,
    answer: answerOf(checks),
    checks,
    consequences: quorum.consequences,
    runningKernel,
    nextBootKernel: next,
    rebootPending: runningKernel === null || next === null ? null : runningKernel !== next,
  };
}

/** For each node, "is it safe to reboot now?" with the reason behind every check. */
export function rebootReadiness(
  view: EvaluatedCluster,
  options: ReadinessOptions = {},
): NodeReadiness[] {
  const settle = options.settleSeconds ?? REBOOT_SETTLE_SECONDS;
  return view.snapshot.nodes.map((node) => nodeReadiness(view, node, settle));
}
