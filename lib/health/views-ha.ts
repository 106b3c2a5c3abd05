import type { ClusterSnapshot, HaService } from "@/lib/snapshot/types";
import { corosyncViews } from "./views-quorum";

/** One node as the HA stack sees it. */
export interface HaNodeView {
  node: string;
  /** The CRM's word for the node: online, maintenance, fence, unknown, gone. */
  crmState: string | null;
  lrmMode: string | null;
  lrmState: string | null;
  /** The LRM's state as `ha-manager status` prints it: active, idle, maintenance mode, old timestamp - dead?, ... */
  lrmStatus: string | null;
  lrmTimestamp: number | null;
  maintenance: boolean;
  /** HA services placed on this node, in sid order. */
  services: HaService[];
}

export interface HaView {
  master: string | null;
  /** The master's state as printed: active, idle, old timestamp - dead?. */
  masterStatus: string | null;
  nodes: HaNodeView[];
  services: HaService[];
}

// "pve3 (maintenance mode, Thu Nov 26 21:17:33 2026)" → "maintenance mode"
const STATUS_TEXT =
  /^\S+ \((.*?)(?:, [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d \d{4})?\)/;

function statusWord(status: string | null): string | null {
  if (status === null) return null;
  return STATUS_TEXT.exec(status)?.[1] ?? null;
}

/** CRM states in which the service is not running anywhere and the LRM holds no lock for it. */
const INACTIVE = new Set([
  "stopped",
  "freeze",
  "error",
  "ignored",
  "disabled",
  "deleting",
  "queued",
]);

/** Services the node's LRM runs or is about to run: they make it fence itself without quorum. */
export function activeServices(services: readonly HaService[]): HaService[] {
  return services.filter((s) => s.state !== null && !INACTIVE.has(s.state));
}

/**
 * What the HA manager knows, from the fresh API answer: manager_status for the CRM's structured
 * view, /cluster/ha/status/current for what only it says (the master's and LRMs' printed state,
 * services the CRM has not processed yet). Null when neither endpoint answered or HA is unused.
 */
export function haView(snapshot: Pick<ClusterSnapshot, "api">): HaView | null {
  const api = snapshot.api.fresh ? snapshot.api.data : null;
  if (!api) return null;
  const manager = api.haManager;
  const current = api.ha ?? [];
  const services = new Map<string, HaService>();
  for (const s of manager?.services ?? []) services.set(s.sid, s);
  for (const e of current) {
    if (e.type !== "service" || e.sid === null || services.has(e.sid)) continue;
    services.set(e.sid, {
      sid: e.sid,
      node: e.node,
      state: e.crmState ?? e.state,
      target: null,
    });
  }
  const masterEntry = current.find((e) => e.type === "master");
  const master = manager?.masterNode ?? masterEntry?.node ?? null;
  const names = new Set<string>([
    ...Object.keys(manager?.nodeStatus ?? {}),
    ...(manager?.lrm ?? []).map((l) => l.node),
    ...current.filter((e) => e.type === "lrm" && e.node !== null).map((e) => e.node!),
  ]);
  if (master === null && names.size === 0 && services.size === 0) return null;

  const all = [...services.values()].sort((a, b) => a.sid.localeCompare(b.sid));
  const nodes = [...names].sort().map((node): HaNodeView => {
    const lrm = manager?.lrm.find((l) => l.node === node) ?? null;
    const entry = current.find((e) => e.type === "lrm" && e.node === node) ?? null;
    const lrmStatus = statusWord(entry?.status ?? null);
    const crmState = manager?.nodeStatus[node] ?? null;
    return {
      node,
      crmState,
      lrmMode: lrm?.mode ?? null,
      lrmState: lrm?.state ?? null,
      lrmStatus,
      lrmTimestamp: lrm?.timestamp ?? entry?.timestamp ?? null,
      maintenance:
        crmState === "maintenance" ||
        lrm?.mode === "maintenance" ||
        (lrmStatus?.startsWith("maintenance") ?? false),
      services: all.filter((s) => s.node === node),
    };
  });
  return {
    master,
    masterStatus: statusWord(masterEntry?.status ?? null),
    nodes,
    services: all,
  };
}

/** A node that says it has no quorum, and who says so. */
export interface NonQuorateNode {
  node: string;
  evidence: string[];
}

/** Nodes whose own fresh view says they are not quorate: their corosync, or the API or HA status answered by them. */
export function nonQuorateNodes(
  snapshot: Pick<ClusterSnapshot, "nodes" | "api">,
): NonQuorateNode[] {
  const found = new Map<string, string[]>();
  const add = (node: string, evidence: string) =>
    found.set(node, [...(found.get(node) ?? []), evidence]);
  for (const v of corosyncViews(snapshot)) {
    if (v.quorum.quorate === false)
      add(v.node.name, `${v.node.name}'s corosync reports Quorate: No`);
  }
  const api = snapshot.api.fresh ? snapshot.api.data : null;
  if (api) {
    // The `local` entry names the node that answered; answeredBy may be an address.
    const answerer = api.status?.nodes.find((n) => n.local)?.name ?? null;
    if (api.status?.quorate === false && answerer !== null) {
      add(answerer, `The Proxmox API answered by ${answerer} reports quorate 0`);
    }
    const quorumEntry = api.ha?.find((e) => e.type === "quorum");
    if (quorumEntry?.quorate === false && quorumEntry.node !== null) {
      add(
        quorumEntry.node,
        `The HA status answered by ${quorumEntry.node} says "${quorumEntry.status ?? "no quorum"}"`,
      );
    }
    const q = api.haManager?.quorum;
    if (q?.quorate === false && q.node !== null) {
      add(q.node, `The HA manager status answered by ${q.node} reports quorate 0`);
    }
  }
  return [...found.entries()].map(([node, evidence]) => ({ node, evidence }));
}
