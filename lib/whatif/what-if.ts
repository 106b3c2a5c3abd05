import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { evaluate } from "@/lib/health/evaluate";
import { summarize } from "@/lib/health/summary";
import { listNames } from "@/lib/health/views";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { afterSnapshot, type DecidedPartition } from "./after-snapshot";
import { configuredLinks, linkAddresses, splitPartitions, type AfterPartition } from "./apply";
import { whatBreaks } from "./breaks";
import { readVoteModel, type ModelPartition, type VoteModel } from "./model";
import { formatTarget, type FailureTarget, type WhatIfResult } from "./types";
import { qnetdVote, votequorum, type QdeviceAlgorithm } from "./votequorum";

export interface WhatIfOptions {
  /**
   * Judge the cluster as if it had this QDevice (all nodes connected to its qnetd), or none
   * (`null`), instead of the QDevice it has: the wizard's before and after.
   */
  qdevice?: { votes: number; algorithm: QdeviceAlgorithm } | null;
  /**
   * false: skip re-running the rules on the cluster afterwards (`after.findings` and `newFindings`
   * stay empty), for surfaces that show only votes and what breaks, where a large cluster would
   * otherwise pay one full evaluation per target.
   */
  rules?: boolean;
}

/** A target that names nothing in this cluster. */
export class UnknownTargetError extends Error {
  override name = "UnknownTargetError";
}

function knownNodeNames(snapshot: ClusterSnapshot, model: VoteModel | null): Set<string> {
  const names = new Set(snapshot.nodes.map((n) => n.name));
  for (const n of model?.configured ?? []) names.add(n.name);
  return names;
}

function validate(
  snapshot: ClusterSnapshot,
  model: VoteModel | null,
  targets: readonly FailureTarget[],
) {
  const names = knownNodeNames(snapshot, model);
  for (const t of targets) {
    if (t.kind === "node" && !names.has(t.node)) {
      throw new UnknownTargetError(
        `unknown failure target "${t.node}": this cluster's nodes are ${listNames([...names].sort()) || "not known"}`,
      );
    }
    if (t.kind === "qdevice" && model?.qdeviceConfigured === false) {
      throw new UnknownTargetError('unknown failure target "qdevice": this cluster has no QDevice');
    }
    if (t.kind === "link" && model?.conf) {
      const links = new Set([...configuredLinks(model.conf).values()].flatMap((s) => [...s]));
      if (!links.has(t.linkId)) {
        throw new UnknownTargetError(
          `unknown failure target "link:${t.linkId}": corosync.conf configures link${links.size === 1 ? "" : "s"} ${[...links].sort().join(", ")}`,
        );
      }
    }
  }
}

/** The model as if the cluster had the given QDevice, or none: expected votes and quorum follow. */
function assumeQdevice(model: VoteModel, qdevice: WhatIfOptions["qdevice"]): VoteModel {
  if (qdevice === undefined) return model;
  const oldVotes = model.qdevice?.votes ?? 0;
  const newVotes = qdevice?.votes ?? 0;
  const partitions = model.partitions.map((p): ModelPartition => {
    const expectedVotes = Math.max(1, p.state.expectedVotes - oldVotes + newVotes);
    // Every node runs corosync-qdevice and reaches qnetd; qnetd's algorithm picks the partition.
    return {
      ...p,
      qdeviceVotes: qdevice ? newVotes : 0,
      members: p.members.map((m) => ({
        ...m,
        qnetdConnected: qdevice !== null,
        qdeviceFlags: qdevice ? ["A", "V", "NMW"] : null,
      })),
      state: {
        ...p.state,
        expectedVotes,
        quorum: Math.floor(expectedVotes / 2) + 1,
        twoNode: qdevice ? false : p.state.twoNode,
      },
    };
  });
  return {
    ...model,
    partitions,
    qdeviceConfigured: qdevice !== null,
    qdevice: qdevice && {
      votes: qdevice.votes,
      algorithm: qdevice.algorithm,
      tieBreaker: "lowest",
      host: null,
    },
  };
}

/** Whether qnetd stays reachable once these links are down: its address on a failed link's network means no. */
function qnetdReachable(model: VoteModel, failedLinks: ReadonlySet<number>): boolean | null {
  if (failedLinks.size === 0) return true;
  const host = model.qdevice?.host ?? null;
  const ipv4 = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/;
  const hostNet = host === null ? null : (ipv4.exec(host)?.[1] ?? null);
  if (hostNet === null) return null;
  const configured = new Set([...configuredLinks(model.conf).values()].flatMap((s) => [...s]));
  const netOf = (linkId: number) =>
    new Set(linkAddresses(model.conf, linkId).flatMap((a) => ipv4.exec(a)?.[1] ?? []));
  if ([...failedLinks].some((l) => netOf(l).has(hostNet))) return false;
  // Reached over a surviving link's network: yes; over no corosync network we know of: not known.
  return [...configured].some((l) => !failedLinks.has(l) && netOf(l).has(hostNet)) ? true : null;
}

function decide(
  model: VoteModel,
  parts: readonly AfterPartition[],
  winner: number | null,
): DecidedPartition[] {
  const votes = model.qdevice?.votes ?? 0;
  return parts.map((p, index) => {
    const qdeviceVote = winner === index;
    return {
      ...p,
      qdeviceVote,
      outcome: votequorum(p.from.state, p.members, qdeviceVote ? votes : 0),
    };
  });
}

function bestOf<T extends { outcome: { quorate: boolean; totalVotes: number } }>(
  parts: readonly T[],
): T | null {
  return (
    [...parts].sort(
      (a, b) =>
        Number(b.outcome.quorate) - Number(a.outcome.quorate) ||
        b.outcome.totalVotes - a.outcome.totalVotes,
    )[0] ?? null
  );
}

function evaluated(snapshot: ClusterSnapshot, rules: boolean): EvaluatedCluster {
  return { snapshot, summary: summarize(snapshot), findings: rules ? evaluate(snapshot) : [] };
}

function newRuleIds(before: EvaluatedCluster, after: EvaluatedCluster): string[] {
  const had = new Set(before.findings.map((f) => f.rule));
  return [...new Set(after.findings.map((f) => f.rule))].filter((r) => !had.has(r));
}

/** Votes and quorum after the failures, without the rewritten snapshot: the cheap part of a what-if. */
export type QuorumPrediction = Pick<
  WhatIfResult,
  "failed" | "quorate" | "lostVotes" | "unknownBecause" | "votes" | "partitions"
>;

interface Prediction extends QuorumPrediction {
  decided: DecidedPartition[];
  qdeviceGone: boolean;
  qdeviceVotes: number | null;
}

interface Failures {
  failed: string[];
  nodes: Set<string>;
  links: Set<number>;
  qdevice: boolean;
}

function failuresOf(targets: readonly FailureTarget[]): Failures {
  return {
    failed: [...new Set(targets.map(formatTarget))],
    nodes: new Set(targets.flatMap((t) => (t.kind === "node" ? [t.node] : []))),
    links: new Set(targets.flatMap((t) => (t.kind === "link" ? [t.linkId] : []))),
    qdevice: targets.some((t) => t.kind === "qdevice"),
  };
}

function predict(
  snapshot: ClusterSnapshot,
  targets: readonly FailureTarget[],
  opts: WhatIfOptions,
): Prediction {
  const f = failuresOf(targets);
  const reading = readVoteModel(snapshot);
  const assumed = reading.ok ? assumeQdevice(reading.model, opts.qdevice) : null;
  validate(snapshot, assumed, targets);
  const unknown = (because: string[]): Prediction => ({
    failed: f.failed,
    quorate: null,
    lostVotes: 0,
    unknownBecause: because,
    votes: null,
    partitions: [],
    decided: [],
    qdeviceGone: f.qdevice,
    qdeviceVotes: null,
  });
  if (!reading.ok || !assumed) return unknown(reading.ok ? [] : reading.because);
  const model = assumed;

  const split = splitPartitions(snapshot, model, f.nodes, f.links);
  if (!split.ok) return unknown(split.because);
  const parts = split.partitions.filter((p) => p.members.length > 0);

  const unknownBecause: string[] = [];
  const qdevice = model.qdevice;
  const voting = model.partitions.some((p) => p.qdeviceVotes > 0);
  let alternatives: (number | null)[] = [null];
  let qdeviceGone = f.qdevice;
  if (qdevice && !f.qdevice && voting) {
    const reachable = qnetdReachable(model, f.links);
    if (reachable === false) qdeviceGone = true;
    const winner =
      qdevice.algorithm === null
        ? undefined
        : qnetdVote(
            qdevice.algorithm,
            qdevice.tieBreaker,
            model.configured.map((n) => n.nodeId),
            parts.map((p) => ({
              memberIds: p.members.map((m) => m.nodeId),
              connectedIds: p.members.filter((m) => m.qnetdConnected).map((m) => m.nodeId),
            })),
          );
    if (winner === undefined) {
      alternatives = [null, ...parts.map((_, i) => i)];
      unknownBecause.push(
        "The QDevice's algorithm is neither ffsplit nor lms, so where qnetd's vote goes is not known.",
      );
    } else if (reachable === null) {
      alternatives = [winner, null];
      unknownBecause.push(
        `Whether qnetd (${qdevice.host ?? "its host"}) is still reached once ${f.failed.filter((t) => t.startsWith("link:")).join(", ")} is down is not known.`,
      );
    } else if (reachable) {
      alternatives = [winner];
    }
  }

  const decisions = alternatives.map((winner) => decide(model, parts, winner));
  const verdicts = new Set(decisions.map((d) => d.some((p) => p.outcome.quorate)));
  const decided = decisions[0]!;
  const quorate = verdicts.size === 1 ? [...verdicts][0]! : null;

  const beforeBest = bestOf(
    model.partitions.map((p) => ({
      outcome: {
        quorate: p.state.quorate,
        totalVotes: p.members.reduce((sum, m) => sum + m.votes, 0) + p.qdeviceVotes,
      },
    })),
  );
  const afterBest = bestOf(decided);
  return {
    failed: f.failed,
    quorate,
    lostVotes: Math.max(
      0,
      (beforeBest?.outcome.totalVotes ?? 0) - (afterBest?.outcome.totalVotes ?? 0),
    ),
    unknownBecause: quorate === null ? unknownBecause : [],
    votes: afterBest && {
      total: afterBest.outcome.totalVotes,
      expected: afterBest.outcome.expectedVotes,
      quorum: afterBest.outcome.quorum,
    },
    partitions: decided.map((p) => ({
      members: p.members.map((m) => m.name),
      quorate: p.outcome.quorate,
      totalVotes: p.outcome.totalVotes,
      expectedVotes: p.outcome.expectedVotes,
      quorum: p.outcome.quorum,
      qdeviceVote: p.qdeviceVote,
    })),
    decided,
    qdeviceGone,
    qdeviceVotes: qdevice?.votes ?? null,
  };
}

/** Only whether quorum holds and the votes: no snapshot rewrite, no rules (for many combinations). */
export function whatIfQuorum(
  view: EvaluatedCluster,
  targets: FailureTarget[],
  opts: Omit<WhatIfOptions, "rules"> = {},
): QuorumPrediction {
  const { failed, quorate, lostVotes, unknownBecause, votes, partitions } = predict(
    view.snapshot,
    targets,
    opts,
  );
  return { failed, quorate, lostVotes, unknownBecause, votes, partitions };
}

/**
 * The cluster as it would be after `targets` fail: votes and quorum by corosync's own arithmetic,
 * the snapshot rewritten the way the agents and the API would then report it, and the same rules
 * run on it. Unknown inputs give `quorate: null` with the reasons, never a guess.
 */
export function whatIf(
  view: EvaluatedCluster,
  targets: FailureTarget[],
  opts: WhatIfOptions = {},
): WhatIfResult {
  const rules = opts.rules ?? true;
  // Every surface of every viewer asks the same questions of the same snapshot: answer once.
  const key = JSON.stringify([targets.map(formatTarget).sort(), opts.qdevice]);
  const memo =
    results.get(view.snapshot) ?? new Map<string, { result: WhatIfResult; rules: boolean }>();
  results.set(view.snapshot, memo);
  const known = memo.get(key);
  if (known && (known.rules || !rules)) return known.result;
  const result = compute(view, targets, opts, rules);
  memo.set(key, { result, rules });
  return result;
}

// A snapshot never changes once built; the answers for it go when it does.
const results = new WeakMap<
  ClusterSnapshot,
  Map<string, { result: WhatIfResult; rules: boolean }>
>();

function compute(
  view: EvaluatedCluster,
  targets: FailureTarget[],
  opts: WhatIfOptions,
  rules: boolean,
): WhatIfResult {
  const { decided, qdeviceGone, qdeviceVotes, ...prediction } = predict(
    view.snapshot,
    targets,
    opts,
  );
  const f = failuresOf(targets);
  const after = evaluated(
    afterSnapshot(view.snapshot, {
      failedNodes: f.nodes,
      failedLinks: f.links,
      qdeviceGone,
      qdeviceVotes,
      partitions: decided,
    }),
    rules,
  );
  return {
    ...prediction,
    newFindings: rules ? newRuleIds(view, after) : [],
    after,
    breaks: whatBreaks(view.snapshot, f.nodes, f.links, decided),
  };
}
