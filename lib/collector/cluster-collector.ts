import "server-only";
import { agentUrl, pollAgent } from "@/lib/agents/poll";
import type { ResolvedCluster } from "@/lib/config/load";
import { evaluate } from "@/lib/health/evaluate";
import { summarize, type ClusterSummary } from "@/lib/health/summary";
import type { Finding } from "@/lib/health/types";
import {
  assembleApiView,
  CLUSTER_ENDPOINTS,
  type ClusterEndpoint,
  type EndpointResult,
} from "@/lib/proxmox/api-view";
import { getEndpoint, getNodeStorage, type ProxmoxTarget } from "@/lib/proxmox/client";
import { classifyUpstreamError } from "@/lib/proxmox/errors";
import { mapNodeStorage } from "@/lib/proxmox/map";
import { proxmoxDispatcher } from "@/lib/proxmox/tls";
import {
  type AgentMemory,
  buildSnapshot,
  type NodeHint,
  nodeIdentities,
} from "@/lib/snapshot/build-snapshot";
import {
  emptyMemory,
  remember,
  rememberFailure,
  type SourceMemory,
} from "@/lib/snapshot/source-state";
import type {
  ApiView,
  ClusterSnapshot,
  NodeStorageStatus,
  SourceFailure,
  Thresholds,
} from "@/lib/snapshot/types";
import { mapLimit } from "./limit";

class ResetDuringPoll extends Error {
  override name = "ResetDuringPoll";
}

export interface ClusterView {
  snapshot: ClusterSnapshot;
  summary: ClusterSummary;
  findings: Finding[];
  /** How long the last poll took, and when it ended. */
  pollMs: number;
  polls: number;
}

/**
 * Polls one cluster's API and agents on its own schedule and keeps the latest view. Viewers only
 * read that view, so any number of open dashboards costs the cluster one poll per interval.
 */
export class ClusterCollector {
  private api: SourceMemory<ApiView> = emptyMemory();
  private agents = new Map<string, AgentMemory>();
  private nodeStorage = new Map<string, SourceMemory<NodeStorageStatus[]>>();
  private knownNodes: NodeHint[];
  private view: ClusterView | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private polls = 0;
  private readonly dispatcher;
  private readonly listeners = new Set<(view: ClusterView) => void>();

  constructor(
    readonly config: ResolvedCluster,
    private readonly thresholds: Thresholds,
    private readonly now: () => number = Date.now,
  ) {
    this.knownNodes = config.nodes.map((n) => ({
      name: n.name,
      nodeId: n.nodeId ?? null,
      ip: n.ip ?? null,
    }));
    this.dispatcher = proxmoxDispatcher({
      ca: config.secrets.ca,
      fingerprint: config.proxmox.fingerprint ?? null,
      connectTimeoutMs: Math.min(config.proxmox.timeoutMs, 5_000),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Forgets every remembered answer (a demo switching scenarios); node hints replace the configured ones. */
  reset(hints?: NodeHint[]): void {
    this.api = emptyMemory();
    this.agents.clear();
    this.nodeStorage.clear();
    if (hints) this.knownNodes = hints;
    this.view = null;
    this.generation++;
    if (this.running) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      // A poll still in flight belongs to the old generation; its answers are dropped.
      if (this.inFlight) void this.inFlight.then(() => this.loop());
      else void this.loop();
    }
  }

  current(): ClusterView | null {
    return this.view;
  }

  onUpdate(listener: (view: ClusterView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private inFlight: Promise<void> | null = null;
  private generation = 0;

  private async loop(): Promise<void> {
    if (this.inFlight) return;
    const started = Date.now();
    this.inFlight = this.poll()
      .then(() => undefined)
      .catch((err: unknown) => {
        if (err instanceof ResetDuringPoll) return;
        console.error(`[tiebreaker] cluster ${this.config.id}: poll failed: ${String(err)}`);
      })
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
    if (!this.running || this.timer !== null) return;
    const wait = Math.max(0, this.config.intervalMs - (Date.now() - started));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.loop();
    }, wait);
  }

  private targets(): ProxmoxTarget[] {
    return this.config.proxmox.urls.map((url) => ({
      url,
      tokenId: this.config.proxmox.tokenId,
      tokenSecret: this.config.secrets.proxmoxToken,
      dispatcher: this.dispatcher,
    }));
  }

  /** One poll: API and agents at once, each under its own deadline. */
  async poll(): Promise<ClusterView> {
    const started = Date.now();
    const generation = this.generation;
    const hintsBefore = nodeIdentities({
      api: this.api,
      agents: this.agents,
      knownNodes: this.knownNodes,
    });
    await Promise.all([this.pollApi(generation), this.pollAgents(hintsBefore, generation)]);
    if (generation !== this.generation) throw new ResetDuringPoll();
    const nowMs = this.now();
    const snapshot = buildSnapshot({
      clusterId: this.config.id,
      intervalMs: this.config.intervalMs,
      thresholds: this.thresholds,
      nowMs,
      api: this.api,
      agents: this.agents,
      nodeStorage: this.nodeStorage,
      linstor: null,
      knownNodes: this.knownNodes,
    });
    this.polls++;
    const view: ClusterView = {
      snapshot,
      summary: summarize(snapshot),
      findings: evaluate(snapshot),
      pollMs: nowMs - started,
      polls: this.polls,
    };
    this.view = view;
    for (const listener of this.listeners) listener(view);
    return view;
  }

  private async pollApi(generation: number): Promise<void> {
    const deadline = this.config.proxmox.timeoutMs;
    let lastFailure: SourceFailure | null = null;
    for (const target of this.targets()) {
      const host = new URL(target.url).host;
      let status: unknown;
      try {
        status = await getEndpoint(target, "/cluster/status", deadline);
      } catch (err) {
        lastFailure = classifyUpstreamError(err, `Proxmox API at ${host}`);
        continue;
      }
      const results: Partial<Record<ClusterEndpoint, EndpointResult>> = {
        "/cluster/status": { ok: true, data: status },
      };
      const rest = CLUSTER_ENDPOINTS.filter((e) => e !== "/cluster/status");
      await mapLimit(rest, this.config.proxmox.concurrency, async (endpoint) => {
        try {
          results[endpoint] = { ok: true, data: await getEndpoint(target, endpoint, deadline) };
        } catch (err) {
          results[endpoint] = {
            ok: false,
            failure: classifyUpstreamError(err, `${endpoint} on ${host}`),
          };
        }
      });
      const nowIso = new Date().toISOString();
      const assembled = assembleApiView(results, host, nowIso);
      if (!assembled.ok) {
        lastFailure = assembled.failure;
        continue;
      }
      if (generation !== this.generation) return;
      this.api = remember(this.api, assembled.view, this.now());
      await this.pollNodeStorage(target, assembled.view, generation);
      return;
    }
    if (generation !== this.generation) return;
    this.api = rememberFailure(
      this.api,
      lastFailure ?? {
        kind: "not-configured",
        message: "no Proxmox URL configured",
        at: new Date().toISOString(),
      },
    );
  }

  /** Per-node calls are proxied to the node and hang when it is down: only online nodes are asked. */
  private async pollNodeStorage(
    target: ProxmoxTarget,
    view: ApiView,
    generation: number,
  ): Promise<void> {
    const online = (view.status?.nodes ?? []).filter((n) => n.online === true).map((n) => n.name);
    const deadline = this.config.proxmox.timeoutMs;
    await mapLimit(online, this.config.proxmox.concurrency, async (node) => {
      const memory = this.nodeStorage.get(node) ?? emptyMemory<NodeStorageStatus[]>();
      try {
        const data = mapNodeStorage(await getNodeStorage(target, node, deadline));
        if (generation !== this.generation) return;
        this.nodeStorage.set(node, remember(memory, data, this.now()));
      } catch (err) {
        this.nodeStorage.set(
          node,
          rememberFailure(memory, classifyUpstreamError(err, `/nodes/${node}/storage`)),
        );
      }
    });
  }

  private async pollAgents(
    nodes: { name: string; nodeId: number | null; ip: string | null }[],
    generation: number,
  ): Promise<void> {
    const agents = this.config.agents;
    const token = this.config.secrets.agentToken;
    if (!agents || token === null) return;
    const explicit = new Map(
      this.config.nodes.filter((n) => n.agentUrl).map((n) => [n.name, n.agentUrl!]),
    );
    await Promise.all(
      nodes.map(async (node) => {
        const memory: AgentMemory = this.agents.get(node.name) ?? {
          ...emptyMemory(),
          clockOffsetMs: null,
        };
        const url = explicit.get(node.name) ?? agentUrl(agents.urlTemplate, node);
        if (url === null) {
          this.agents.set(node.name, {
            ...memory,
            error: {
              kind: "not-configured",
              message: `no address known for ${node.name}'s agent`,
              at: new Date().toISOString(),
            },
          });
          return;
        }
        const result = await pollAgent(url, token, agents.timeoutMs);
        if (generation !== this.generation) return;
        if (result.ok) {
          this.agents.set(node.name, {
            ...remember(memory, result.report, this.now()),
            clockOffsetMs: result.clockOffsetMs,
          });
        } else {
          this.agents.set(node.name, {
            ...rememberFailure(memory, result.failure),
            clockOffsetMs: memory.clockOffsetMs,
          });
        }
      }),
    );
  }
}
