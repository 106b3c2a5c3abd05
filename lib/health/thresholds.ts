import type { Thresholds } from "@/lib/snapshot/types";

/** Ticket authentication between nodes starts failing around one second of skew. */
export const CLOCK_SKEW_MS = 1_000;
/** Storage fill levels: warning, then critical (Proxmox stops writing thin volumes when full). */
export const STORAGE_WARN_RATIO = 0.85;
export const STORAGE_CRIT_RATIO = 0.95;
/** A source's answer is stale, and shown as unknown, after this many missed refresh intervals. */
export const STALE_INTERVALS = 3;
/** Corosync expects LAN latency; a link averaging more than this is shared, saturated or too far. */
export const LINK_LATENCY_MS = 10;

export const DEFAULT_THRESHOLDS: Thresholds = {
  clockSkewMs: CLOCK_SKEW_MS,
  storageWarnRatio: STORAGE_WARN_RATIO,
  storageCritRatio: STORAGE_CRIT_RATIO,
  staleIntervals: STALE_INTERVALS,
  linkLatencyMs: LINK_LATENCY_MS,
};
