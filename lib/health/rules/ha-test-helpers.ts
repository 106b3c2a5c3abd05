import type { ApiView, HaEntry, HaManagerStatus, HaService } from "@/lib/snapshot/types";
import { apiView } from "../test-helpers";

export function service(sid: string, node: string, state = "started", target?: string): HaService {
  return { sid, node, state, target: target ?? null };
}

export interface HaOptions {
  services?: HaService[];
  nodeStatus?: Record<string, string>;
  lrm?: Record<string, { mode: string; state: string }>;
  /** The answering node's quorum as the HA manager status reports it. */
  quorum?: { node: string; quorate: boolean };
  /** Extra /cluster/ha/status/current entries (quorum, master, lrm lines). */
  current?: HaEntry[];
  answeredBy?: string;
  apiQuorate?: boolean;
}

/** An API view with the HA manager's status, answered by `answeredBy` (pve1 unless set). */
export function haApi(options: HaOptions = {}): ApiView {
  const answeredBy = options.answeredBy ?? "pve1";
  const manager: HaManagerStatus = {
    masterNode: "pve1",
    timestamp: 1795744857,
    nodeStatus: options.nodeStatus ?? { pve1: "online", pve2: "online", pve3: "online" },
    services: options.services ?? [],
    lrm: Object.entries(options.lrm ?? {}).map(([node, l]) => ({
      node,
      mode: l.mode,
      state: l.state,
      timestamp: 1795744856,
    })),
    quorum: options.quorum ?? { node: answeredBy, quorate: true },
  };
  return apiView({
    answeredBy,
    status: {
      clusterName: "lab",
      quorate: options.apiQuorate ?? true,
      nodeCount: 3,
      configVersion: 3,
      nodes: ["pve1", "pve2", "pve3"].map((name, i) => ({
        name,
        nodeId: i + 1,
        ip: null,
        online: true,
        local: name === answeredBy,
      })),
    },
    ha: options.current ?? [],
    haManager: manager,
  });
}

export function lrmEntry(node: string, word: string): HaEntry {
  return {
    id: `lrm:${node}`,
    type: "lrm",
    node,
    status: `${node} (${word}, Sun Nov 22 02:00:57 2026)`,
    state: null,
    sid: null,
    quorate: null,
  };
}
