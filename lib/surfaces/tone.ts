import type { Severity } from "@/lib/health/types";
import type { Thresholds } from "@/lib/snapshot/types";

/**
 * The one table of tones every surface uses. A tone always travels with a word and an icon, so
 * colour is never the only signal.
 */
export type Tone = "ok" | "warn" | "crit" | "unknown" | "info";

/** A shape per tone, distinct without colour: check, triangle, cross, question mark, letter i. */
export const TONE_ICONS: Record<Tone, string> = {
  ok: "✓",
  warn: "▲",
  crit: "✕",
  unknown: "?",
  info: "i",
};

export const TONE_WORDS: Record<Tone, string> = {
  ok: "OK",
  warn: "Warning",
  crit: "Critical",
  unknown: "Unknown",
  info: "Info",
};

export function severityTone(severity: Severity): Tone {
  return severity === "critical"
    ? "crit"
    : severity === "warning"
      ? "warn"
      : severity === "info"
        ? "info"
        : "unknown";
}

/** A yes/no fact where "no" is bad; null (nobody could tell) is unknown, never ok. */
export function boolTone(value: boolean | null, whenFalse: Tone = "crit"): Tone {
  if (value === null) return "unknown";
  return value ? "ok" : whenFalse;
}

export function diskStateTone(state: string | null): Tone {
  if (state === null) return "unknown";
  if (state === "UpToDate") return "ok";
  if (state === "Diskless") return "info";
  if (state === "Inconsistent" || state === "Outdated" || state === "Consistent") return "warn";
  if (state === "Failed" || state === "Negotiating") return "crit";
  return "unknown";
}

export function connectionTone(state: string): Tone {
  if (state === "Connected") return "ok";
  if (state === "StandAlone") return "crit";
  if (state === "Unknown") return "unknown";
  return "warn";
}

/** Fill level against the configured thresholds (the same ones `storage.nearly-full` uses). */
export function usageTone(
  ratio: number | null,
  thresholds: Pick<Thresholds, "storageWarnRatio" | "storageCritRatio">,
): Tone {
  if (ratio === null) return "unknown";
  if (ratio >= thresholds.storageCritRatio) return "crit";
  if (ratio >= thresholds.storageWarnRatio) return "warn";
  return "ok";
}

/** The worst severity among findings as a tone; none at all is ok. */
export function findingsTone(findings: readonly { severity: Severity }[]): Tone {
  return findings.length === 0 ? "ok" : worstTone(findings.map((f) => severityTone(f.severity)));
}

export function qdeviceTone(state: "none" | "connected" | "not-voting" | "unknown"): Tone {
  return state === "connected"
    ? "ok"
    : state === "not-voting"
      ? "warn"
      : state === "none"
        ? "info"
        : "unknown";
}

/** The worst tone first, for headers that summarise a row. */
export function worstTone(tones: readonly Tone[]): Tone {
  const order: Tone[] = ["crit", "warn", "unknown", "info", "ok"];
  return order.find((t) => tones.includes(t)) ?? "unknown";
}

export const TONE_CLASSES: Record<Tone, string> = {
  ok: "bg-ok-soft text-ok border-ok/30",
  warn: "bg-warn-soft text-warn border-warn/30",
  crit: "bg-crit-soft text-crit border-crit/30",
  unknown: "bg-unknown-soft text-unknown border-unknown/30",
  info: "bg-info-soft text-info border-info/30",
};
