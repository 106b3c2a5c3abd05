import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { SEVERITIES } from "@/lib/health/types";
import { clusterState, WALL_STATES } from "./cluster-state";

export interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: "gauge";
  samples: MetricSample[];
}

const QDEVICE_STATES = ["none", "connected", "not-voting", "unknown"] as const;

function family(name: string, help: string, samples: MetricSample[]): MetricFamily {
  return { name: `tiebreaker_${name}`, help, type: "gauge", samples };
}

/** A value nobody could tell is left out, never reported as 0 or 1. */
function known(labels: Record<string, string>, value: number | boolean | null): MetricSample[] {
  if (value === null) return [];
  return [{ labels, value: typeof value === "boolean" ? Number(value) : value }];
}

/** Prometheus samples for one cluster; enums are one sample per state, strings are labels. */
export function toMetrics(view: EvaluatedCluster): MetricFamily[] {
  const { snapshot, summary, findings } = view;
  const cluster = snapshot.clusterId;
  const state = clusterState(view);
  const sources = [
    { source: "api", s: snapshot.api },
    ...snapshot.nodes.map((n) => ({ source: `agent:${n.name}`, s: n.agent })),
  ];
  return [
    family(
      "cluster_state",
      "The cluster's state word: 1 for the current one (OK, DEGRADED, CRITICAL, UNKNOWN).",
      WALL_STATES.map((word) => ({
        labels: { cluster, state: word },
        value: Number(word === state),
      })),
    ),
    family(
      "cluster_quorate",
      "1 when the cluster is quorate, 0 when not; absent when unknown.",
      known({ cluster }, summary.quorate),
    ),
    family(
      "cluster_expected_votes",
      "Corosync's expected votes.",
      known({ cluster }, summary.expectedVotes),
    ),
    family(
      "cluster_total_votes",
      "Votes currently present.",
      known({ cluster }, summary.totalVotes),
    ),
    family("cluster_quorum_votes", "Votes needed for quorum.", known({ cluster }, summary.quorum)),
    family(
      "qdevice_state",
      "The QDevice's state: 1 for the current one.",
      QDEVICE_STATES.map((s) => ({
        labels: { cluster, state: s },
        value: Number(s === summary.qdevice),
      })),
    ),
    family(
      "node_online",
      "1 when the node is a member or online, 0 when not; absent when unknown.",
      summary.nodes.flatMap((n) => known({ cluster, node: n.name }, n.online)),
    ),
    family(
      "findings",
      "Active findings by severity.",
      SEVERITIES.map((severity) => ({
        labels: { cluster, severity },
        value: findings.filter((f) => f.severity === severity).length,
      })),
    ),
    family(
      "finding_active",
      "1 for each active finding, by rule, subject and severity.",
      findings.map((f) => ({
        labels: { cluster, rule: f.rule, subject: f.subject, severity: f.severity },
        value: 1,
      })),
    ),
    family(
      "source_fresh",
      "1 when the source's last answer is fresh, 0 when stale or missing.",
      sources.map(({ source, s }) => ({ labels: { cluster, source }, value: Number(s.fresh) })),
    ),
    family(
      "source_age_seconds",
      "Age of the source's last good answer; absent when there never was one.",
      sources.flatMap(({ source, s }) =>
        known({ cluster, source }, s.ageMs === null ? null : s.ageMs / 1000),
      ),
    ),
  ];
}
