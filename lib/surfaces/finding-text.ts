import type { Finding, Severity } from "@/lib/health/types";
import type { WallState } from "./cluster-state";

export type RemedyPart = { kind: "text"; text: string } | { kind: "command"; text: string };

/**
 * A remedy as prose and the commands in it (the backticked text), each command its own part so
 * it can be copied. Punctuation left between two commands is dropped.
 */
export function remedyParts(remedy: string): RemedyPart[] {
  const parts: RemedyPart[] = [];
  const pieces = remedy.split("`");
  // An odd number of backticks leaves the last one unmatched: it and its tail stay prose.
  const unmatched = pieces.length % 2 === 0 ? pieces.length - 1 : -1;
  pieces.forEach((piece, i) => {
    const isCommand = i % 2 === 1 && i !== unmatched;
    let text = i === unmatched ? `\`${piece}` : piece;
    if (!isCommand && parts.at(-1)?.kind === "command") text = text.replace(/^[\s,;.]+/, "");
    text = text.trim();
    if (text === "") return;
    const last = parts.at(-1);
    if (!isCommand && last?.kind === "text") last.text += ` ${text}`;
    else parts.push({ kind: isCommand ? "command" : "text", text });
  });
  return parts;
}

const SUMMARY_MAX = 180;

/** The first sentence of a finding's detail, short enough for one line on a phone. */
export function summaryLine(detail: string): string {
  const end = /[.!?]["')\]]?\s+(?=["'`(A-Z0-9])/.exec(detail);
  const first = end ? detail.slice(0, end.index + end[0].trimEnd().length) : detail.trim();
  if (first.length <= SUMMARY_MAX) return first;
  const cut = first.slice(0, SUMMARY_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), SUMMARY_MAX - 40)).trimEnd()}…`;
}

const GROUP_ORDER: readonly Severity[] = ["critical", "warning", "unknown", "info"];

export const SEVERITY_HEADINGS: Record<Severity, [string, string]> = {
  critical: ["critical finding", "critical findings"],
  warning: ["warning", "warnings"],
  unknown: ["unknown", "unknowns"],
  info: ["note", "notes"],
};

export interface FindingGroup {
  severity: Severity;
  count: number;
  /** "2 critical findings" */
  heading: string;
  findings: Finding[];
}

/** Findings grouped by severity, worst group first, each with its count; empty groups left out. */
export function findingGroups(findings: readonly Finding[]): FindingGroup[] {
  return GROUP_ORDER.flatMap((severity) => {
    const list = findings.filter((f) => f.severity === severity);
    if (list.length === 0) return [];
    const [one, many] = SEVERITY_HEADINGS[severity];
    return [
      {
        severity,
        count: list.length,
        heading: `${list.length} ${list.length === 1 ? one : many}`,
        findings: list,
      },
    ];
  });
}

/** "CRITICAL · prod · Tiebreaker": a background tab names the worst state first. */
export function pageTitle(state: WallState | null, name: string | null): string {
  return [state, name, "Tiebreaker"].filter(Boolean).join(" · ");
}
