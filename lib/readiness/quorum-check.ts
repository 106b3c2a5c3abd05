import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { whatIf } from "@/lib/whatif/what-if";
import type { WhatIfResult } from "@/lib/whatif/types";
import type { ReadinessCheck } from "./types";

export interface QuorumOutcome {
  check: ReadinessCheck;
  consequences: string[];
}

function votes(result: WhatIfResult): string {
  const v = result.votes;
  return v ? ` (${v.total} of ${v.expected} votes, ${v.quorum} needed)` : "";
}

/** The what-if for this node alone: does the rest of the cluster keep quorum while it reboots? */
export function quorumCheck(view: EvaluatedCluster, node: string): QuorumOutcome {
  let result: WhatIfResult;
  try {
    // Only the votes and what breaks are read here, so the rules are not re-run (and the
    // overview's cached answer for this node is reused).
    result = whatIf(view, [{ kind: "node", node }], { rules: false });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      check: {
        id: "quorum",
        level: "unknown",
        text: `What rebooting ${node} does to quorum is not known: ${message}`,
      },
      consequences: [],
    };
  }
  const consequences = result.breaks;
  if (result.quorate === null) {
    const because = result.unknownBecause.join(" ") || "the votes could not be read.";
    return {
      check: {
        id: "quorum",
        level: "unknown",
        text: `What rebooting ${node} does to quorum is not known: ${because}`,
      },
      consequences,
    };
  }
  if (!result.quorate) {
    return {
      check: {
        id: "quorum",
        level: "no",
        text: `Rebooting ${node} loses quorum${votes(result)}: guests keep running but nothing can be started, stopped or changed until ${node} is back.`,
      },
      consequences,
    };
  }
  return {
    check: { id: "quorum", level: "ok", text: `Quorum holds without ${node}${votes(result)}.` },
    consequences,
  };
}
