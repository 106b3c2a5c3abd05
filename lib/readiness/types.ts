/** The answer to "is it safe to reboot this node now?". Unknown is never safe. */
export type RebootAnswer = "yes" | "no" | "unknown";

/** One check's verdict: `no` and `unknown` decide the answer, a warning is said but does not block. */
export type CheckLevel = "ok" | "warning" | "no" | "unknown";

export const CHECK_IDS = [
  "sources",
  "quorum",
  "drbd",
  "ocfs2-kernel",
  "ha-guests",
  "others-back",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface ReadinessCheck {
  id: CheckId;
  level: CheckLevel;
  /** One or a few sentences with the names and numbers behind the verdict. */
  text: string;
}

export interface NodeReadiness {
  node: string;
  answer: RebootAnswer;
  /** Every check, in CHECK_IDS order. */
  checks: ReadinessCheck[];
  /** What else the reboot breaks, from the what-if for this node. */
  consequences: string[];
  runningKernel: string | null;
  nextBootKernel: string | null;
  /** The node boots another kernel than it runs; null when either is not known. */
  rebootPending: boolean | null;
}
