import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { plural } from "@/lib/health/views";
import type { FailureTarget } from "@/lib/whatif/types";
import { whatIfQuorum } from "@/lib/whatif/what-if";
import type { ClusterFacts } from "./qdevice-setup-facts";
import type { WizardFlow } from "./qdevice-setup-progress";

export interface LossOutcome {
  /** What is lost: "one node" or "the qnetd host". */
  lost: string;
  votesLeft: number;
  holds: boolean;
  /** "1 of 2 votes left, quorum 2: quorum lost" */
  sentence: string;
}

export interface VoteScenario {
  label: string;
  withQdevice: boolean;
  expected: number;
  quorum: number;
  losses: LossOutcome[];
}

/** Quorum before and after the flow, answered by the what-if engine on the live cluster. */
export interface WhatIf {
  before: VoteScenario;
  after: VoteScenario;
  /** Which of the two the cluster is in now; null when that is unknown. */
  current: "before" | "after" | null;
  /** "Losing one node now: quorum lost; after setup: quorum holds." */
  summary: string;
}

type Assumed = { votes: number; algorithm: "ffsplit" | "lms" } | null;

/** One side of the comparison, answered by the what-if engine on the live cluster with or without a QDevice. */
function scenario(
  view: EvaluatedCluster,
  facts: ClusterFacts,
  label: string,
  withQdevice: boolean,
): VoteScenario | null {
  const qdevice: Assumed = withQdevice
    ? { votes: facts.deviceVotes, algorithm: facts.even ? "ffsplit" : "lms" }
    : null;
  const now = whatIfQuorum(view, [], { qdevice });
  if (now.votes === null) return null;
  const { expected, quorum } = now.votes;
  const twoNode = !withQdevice && facts.conf?.conf.twoNode === true && quorum === 1;
  const outcome = (lost: string, targets: FailureTarget[]): LossOutcome | null => {
    const r = whatIfQuorum(view, targets, { qdevice });
    if (r.quorate === null) return null;
    const votesLeft = r.votes?.total ?? 0;
    const q = r.votes?.quorum ?? quorum;
    return {
      lost,
      votesLeft,
      holds: r.quorate,
      sentence: `${votesLeft} of ${plural(expected, "vote")} left, quorum ${q}${twoNode ? " (two_node: 1)" : ""}: ${r.quorate ? "quorum holds" : "quorum lost"}`,
    };
  };
  // The worst single node: the first whose loss breaks quorum, else the first node.
  const nodeLosses = facts.nodes.map((n) => outcome("one node", [{ kind: "node", node: n.name }]));
  if (nodeLosses.some((l) => l === null)) return null;
  const known = nodeLosses as LossOutcome[];
  const worst = known.find((l) => !l.holds) ?? known[0];
  if (!worst) return null;
  const losses = [worst];
  if (withQdevice) {
    const qnetd = outcome("the qnetd host", [{ kind: "qdevice" }]);
    if (!qnetd) return null;
    losses.push(qnetd);
  }
  return { label, withQdevice, expected, quorum, losses };
}

export function whatIf(
  view: EvaluatedCluster,
  facts: ClusterFacts,
  flow: WizardFlow,
): WhatIf | null {
  if (!facts.nodesKnown || facts.nodes.length === 0) return null;
  const setup = flow === "setup";
  const before = scenario(view, facts, setup ? "Without a QDevice" : "With the QDevice", !setup);
  const after = scenario(view, facts, setup ? "After setup" : "After removal", setup);
  if (!before || !after) return null;
  const current =
    facts.configured === null ? null : facts.configured === !setup ? "before" : "after";
  const word = (s: VoteScenario) => (s.losses[0]!.holds ? "quorum holds" : "quorum lost");
  const afterWord = setup ? "after setup" : "after removal";
  const beforeWord = setup ? "before setup" : "before removal";
  const summary =
    current === "after"
      ? `Losing one node now: ${word(after)} (${beforeWord}: ${word(before)}).`
      : `Losing one node ${current === "before" ? "now" : before.label.toLowerCase()}: ${word(before)}; ${afterWord}: ${word(after)}.`;
  return { before, after, current, summary };
}
