/** Minimal readers of `corosync-quorumtool -s` text for the lab's waits; the product's parser lives in lib/. */

export function quorumField(text: string, label: string): string | null {
  const match = new RegExp(`^${label}:[ \\t]*(.*?)[ \\t]*$`, "m").exec(text);
  return match?.[1] ?? null;
}

export function isQuorate(text: string): boolean {
  return quorumField(text, "Quorate") === "Yes";
}

export function numberField(text: string, label: string): number | null {
  const value = quorumField(text, label);
  const match = value === null ? null : /^\d+/.exec(value);
  return match ? Number(match[0]) : null;
}

const qdeviceFlag = "(?:N?A|N?V|N?MW|NR)";
const memberRow = new RegExp(
  `^\\s*(?:0x[0-9a-fA-F]+|\\d+)\\s+\\d+\\s+(${qdeviceFlag}(?:,${qdeviceFlag})*)\\s+\\S`,
  "gm",
);

/** The Qdevice column of each member row, e.g. ["A,V,NMW", "A,V,NMW"]; empty without a QDevice. */
export function memberQdeviceFlags(text: string): string[] {
  return [...text.matchAll(memberRow)].map((m) => m[1] ?? "");
}

export interface QuorumExpectation {
  quorate: boolean;
  nodes?: number;
  expectedVotes?: number;
  totalVotes?: number;
  /** Every member row shows exactly these Qdevice flags. */
  qdeviceFlags?: string;
}

export function matchesQuorum(text: string, want: QuorumExpectation): boolean {
  if (isQuorate(text) !== want.quorate) return false;
  if (want.nodes !== undefined && numberField(text, "Nodes") !== want.nodes) return false;
  if (
    want.expectedVotes !== undefined &&
    numberField(text, "Expected votes") !== want.expectedVotes
  )
    return false;
  if (want.totalVotes !== undefined && numberField(text, "Total votes") !== want.totalVotes)
    return false;
  if (want.qdeviceFlags !== undefined) {
    const flags = memberQdeviceFlags(text);
    if (flags.length === 0 || flags.some((f) => f !== want.qdeviceFlags)) return false;
  }
  return true;
}
