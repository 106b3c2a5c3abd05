import { plural } from "@/lib/health/views";
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

/** Quorum before and after the flow, by votequorum's arithmetic: quorum = expected / 2 + 1, rounded down. */
export interface WhatIf {
  before: VoteScenario;
  after: VoteScenario;
  /** Which of the two the cluster is in now; null when that is unknown. */
  current: "before" | "after" | null;
  /** "Losing one node now: quorum lost; after setup: quorum holds." */
  summary: string;
}

function scenario(facts: ClusterFacts, label: string, withQdevice: boolean): VoteScenario {
  const deviceVotes = withQdevice ? facts.deviceVotes : 0;
  const expected = facts.nodeVotes + deviceVotes;
  // two_node: 1 lets a lone survivor of two keep quorum (and both halves after a link cut).
  const twoNode = !withQdevice && facts.nodes.length === 2 && facts.conf?.conf.twoNode === true;
  const quorum = twoNode ? 1 : Math.floor(expected / 2) + 1;
  const heaviest = Math.max(0, ...facts.nodes.map((n) => n.votes));
  const outcome = (lost: string, votesLeft: number): LossOutcome => {
    const holds = votesLeft >= quorum;
    return {
      lost,
      votesLeft,
      holds,
      sentence: `${votesLeft} of ${plural(expected, "vote")} left, quorum ${quorum}${twoNode ? " (two_node: 1)" : ""}: ${holds ? "quorum holds" : "quorum lost"}`,
    };
  };
  const losses = [outcome("one node", expected - heaviest)];
  if (withQdevice) losses.push(outcome("the qnetd host", expected - deviceVotes));
  return { label, withQdevice, expected, quorum, losses };
}

export function whatIf(facts: ClusterFacts, flow: WizardFlow): WhatIf | null {
  if (!facts.nodesKnown || facts.nodes.length === 0) return null;
  const setup = flow === "setup";
  const before = scenario(facts, setup ? "Without a QDevice" : "With the QDevice", !setup);
  const after = scenario(facts, setup ? "After setup" : "After removal", setup);
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
