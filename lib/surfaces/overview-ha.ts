import { activeServices, haView } from "@/lib/health/views-ha";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import { freshness, type Freshness } from "./freshness";
import type { Tone } from "./tone";

export interface HaGuest {
  sid: string;
  state: string | null;
  target: string | null;
}

export interface HaNodeModel {
  node: string;
  /** The CRM's word for the node: online, maintenance, fence, unknown, gone. */
  crmState: string | null;
  /** The LRM's state as `ha-manager status` prints it (active, idle, maintenance mode, ...), else its state word. */
  lrm: string | null;
  lrmTone: Tone;
  maintenance: boolean;
  /** HA guests the CRM places on the node. */
  guests: HaGuest[];
  activeGuests: number;
}

/** The HA manager's view: CRM master, each LRM, the HA guests per node. */
export interface HaModel {
  master: string | null;
  masterStatus: string | null;
  nodes: HaNodeModel[];
  freshness: Freshness;
}

export function lrmTone(lrm: string | null, crmState: string | null): Tone {
  if (crmState === "fence" || lrm === "lost_agent_lock") return "crit";
  if (lrm === null) return "unknown";
  if (lrm.startsWith("maintenance")) return "info";
  if (lrm === "active" || lrm === "idle" || lrm === "wait_for_agent_lock") return "ok";
  return "warn";
}

/** Null when the cluster has no HA resources and never had; unknown values while the API is stale. */
export function haModel(snapshot: ClusterSnapshot): HaModel | null {
  const api = snapshot.api;
  const view = haView(snapshot);
  const hadHa =
    (api.data?.haManager?.masterNode ?? null) !== null ||
    (api.data?.ha ?? []).some((e) => e.type !== "quorum");
  if (!view) {
    return hadHa
      ? { master: null, masterStatus: null, nodes: [], freshness: freshness(api) }
      : null;
  }
  const error = api.data?.endpointErrors["/cluster/ha/status/manager_status"] ?? null;
  return {
    master: view.master,
    masterStatus: view.masterStatus,
    nodes: view.nodes.map((n) => {
      const lrm = n.lrmStatus ?? n.lrmState;
      return {
        node: n.node,
        crmState: n.crmState,
        lrm,
        lrmTone: lrmTone(lrm, n.crmState),
        maintenance: n.maintenance,
        guests: n.services.map((s) => ({ sid: s.sid, state: s.state, target: s.target })),
        activeGuests: activeServices(n.services).length,
      };
    }),
    freshness: error ? { ...freshness(api), error } : freshness(api),
  };
}
