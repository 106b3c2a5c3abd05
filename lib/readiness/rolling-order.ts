import type { NodeReadiness, RebootAnswer } from "./types";

/**
 * Where a node stands in a rolling upgrade: `done` runs the kernel it boots next; `now` is the one
 * node offered; `after-previous` would be safe but waits until the offered node is back; `blocked`
 * and `unknown` carry their reasons.
 */
export type StepState = "done" | "now" | "after-previous" | "blocked" | "unknown";

export interface UpgradeStep {
  node: string;
  state: StepState;
  readiness: NodeReadiness;
}

export interface RollingPlan {
  steps: UpgradeStep[];
  /** The one node to reboot now; null when none is safe. */
  offered: string | null;
  sentence: string;
}

const ANSWER_RANK: Record<RebootAnswer, number> = { yes: 0, unknown: 1, no: 2 };

function warnings(r: NodeReadiness): number {
  return r.checks.filter((c) => c.level === "warning").length;
}

/**
 * A safe order, re-judged on every view: one node at a time, only one whose own what-if keeps
 * quorum and DRBD copies, and only while every other node is back and healthy (its readiness says
 * so). Safe nodes with fewer warnings go first, the HA manager's master last, so the master
 * moves once.
 */
export function rollingOrder(
  readiness: readonly NodeReadiness[],
  haMaster: string | null = null,
): RollingPlan {
  const done = readiness.filter((r) => r.rebootPending === false);
  const todo = readiness
    .filter((r) => r.rebootPending !== false)
    .sort(
      (a, b) =>
        ANSWER_RANK[a.answer] - ANSWER_RANK[b.answer] ||
        warnings(a) - warnings(b) ||
        Number(a.node === haMaster) - Number(b.node === haMaster) ||
        (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
    );
  const offered = todo.find((r) => r.answer === "yes")?.node ?? null;
  const stateOf = (r: NodeReadiness): StepState => {
    if (r.node === offered) return "now";
    if (r.answer === "yes") return "after-previous";
    return r.answer === "no" ? "blocked" : "unknown";
  };
  const steps: UpgradeStep[] = [
    ...done.map((r) => ({ node: r.node, state: "done" as const, readiness: r })),
    ...todo.map((r) => ({ node: r.node, state: stateOf(r), readiness: r })),
  ];
  return { steps, offered, sentence: sentence(todo, offered) };
}

function sentence(todo: readonly NodeReadiness[], offered: string | null): string {
  if (todo.length === 0) return "Every node runs the kernel it boots next: no reboot is pending.";
  if (offered !== null) {
    return `${offered} can be rebooted now. The next node is offered once ${offered} is back, quorate and has its storage active.`;
  }
  const first = todo[0]!;
  const reason = first.checks.find((c) => c.level === "no" || c.level === "unknown");
  const lead =
    first.answer === "unknown"
      ? "Whether a node can be rebooted safely now is not known."
      : "No node can be rebooted safely now.";
  return `${lead} ${reason?.text ?? ""}`.trim();
}
