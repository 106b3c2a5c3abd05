import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { freshness, type Freshness } from "./freshness";
import type { Tone } from "./tone";

export interface CephCheckModel {
  name: string;
  severity: string | null;
  summary: string | null;
  detail: string[];
  muted: boolean;
  tone: Tone;
}

/** Ceph's health with its checks, the monitors' quorum and the OSDs, as /cluster/ceph/status tells. */
export interface CephModel {
  health: string | null;
  tone: Tone;
  checks: CephCheckModel[];
  monitors: { name: string; inQuorum: boolean }[];
  monsInQuorum: number | null;
  /** Monitors out of the quorum, by name. */
  monsOut: string[];
  osds: { total: number | null; up: number | null; in: number | null };
  freshness: Freshness;
}

export function cephTone(health: string | null): Tone {
  if (health === "HEALTH_OK") return "ok";
  if (health === "HEALTH_WARN") return "warn";
  if (health === "HEALTH_ERR") return "crit";
  return "unknown";
}

/**
 * Null when the cluster has no Ceph. While the API is stale, or Ceph's own endpoint fails, the
 * values are unknown and the freshness says why.
 */
export function cephModel(snapshot: ClusterSnapshot): CephModel | null {
  const api = snapshot.api;
  const error = api.data?.endpointErrors["/cluster/ceph/status"] ?? null;
  const ceph = api.data?.ceph ?? null;
  if (!ceph && !error) return null;
  const usable = api.fresh && ceph !== null;
  const state = usable
    ? freshness(api)
    : { ...freshness(api), fresh: false, error: error ?? api.error };
  if (!usable || !ceph) {
    return {
      health: null,
      tone: "unknown",
      checks: [],
      monitors: [],
      monsInQuorum: null,
      monsOut: [],
      osds: { total: null, up: null, in: null },
      freshness: state,
    };
  }
  const quorum = new Set(ceph.quorumNames);
  return {
    health: ceph.health,
    tone: cephTone(ceph.health),
    checks: ceph.checks.map((c) => ({
      name: c.name,
      severity: c.severity,
      summary: c.summary,
      detail: c.detail,
      muted: c.muted,
      tone: c.muted ? "info" : cephTone(c.severity),
    })),
    monitors: ceph.monitors.map((m) => ({ name: m.name, inQuorum: quorum.has(m.name) })),
    monsInQuorum: ceph.monitors.filter((m) => quorum.has(m.name)).length,
    monsOut: ceph.monitors.filter((m) => !quorum.has(m.name)).map((m) => m.name),
    osds: ceph.osds,
    freshness: state,
  };
}
