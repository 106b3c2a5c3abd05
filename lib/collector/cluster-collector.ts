import "server-only";
import { type ChangedProbe, followAgentEvents } from "@/lib/agents/events";
import { type AgentTarget, agentTarget } from "@/lib/agents/agent-target";
import { forNode } from "@/lib/agents/identity";
import { pollAgent } from "@/lib/agents/poll";
import { type LinstorTarget, linstorDispatcher, pollLinstor } from "@/lib/linstor/client";
import { linstorControllerUrls } from "@/lib/linstor/targets";
import type { ResolvedCluster } from "@/lib/config/load";
import { evaluateCluster, type EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import {
  assembleApiView,
  CLUSTER_ENDPOINTS,
  type ClusterEndpoint,
  type EndpointResult,
} from "@/lib/proxmox/api-view";
import {
  getEndpoint,
  getNodeStorage,
  getPermissions,
  type ProxmoxTarget,
} from "@/lib/proxmox/client";
import { classifyUpstreamError } from "@/lib/proxmox/errors";
import { mapNodeStorage } from "@/lib/proxmox/map";
import {
  checkPrivileges,
  failedPrivilegeCheck,
  type PrivilegeCheck,
} from "@/lib/proxmox/permissions";
import { proxmoxDispatcher } from "@/lib/proxmox/tls";
import {
  type AgentMemory,
  type CollectedState,
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
  LinstorView,
  NodeStorageStatus,
  SourceFailure,
  Thresholds,
} from "@/lib/snapshot/types";
import { mapLimit } from "./limit";
import { Repeater } from "./repeater";

/** The LINSTOR controller's deadline when the config does not set one. */
const LINSTOR_TIMEOUT_MS = 3_000;

/** How often the token's privileges are read again after the check at start. */
const PRIVILEGE_CHECK_MS = 5 * 60_000;

class ResetDuringPoll extends Error {
  override name = "ResetDuringPoll";
}

export interface ClusterView extends EvaluatedCluster {
  /** How many views were built since start; each source's answer builds one. */
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
  /** null while there is no LINSTOR controller to ask. */
  private linstor: SourceMemory<LinstorView> | null = null;
  private linstorUrls: string[] | null = null;
  private linstorBusy = false;
  /** Set by reset(); otherwise the config's `linstor.enabled` decides. */
  private linstorEnabled: boolean | null = null;
  private readonly linstorDispatcher;
  private knownNodes: NodeHint[];
  private view: ClusterView | null = null;
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
    this.linstorDispatcher = linstorDispatcher({
      ...config.secrets.linstor,
      connectTimeoutMs: Math.min(config.linstor?.timeoutMs ?? LINSTOR_TIMEOUT_MS, 5_000),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
    void this.checkPrivileges();
    this.privilegeTimer = setInterval(() => void this.checkPrivileges(), PRIVILEGE_CHECK_MS);
    this.privilegeTimer.unref();
  }

  stop(): void {
    this.running = false;
    clearInterval(this.privilegeTimer);
    for (const repeater of this.repeaters.values()) repeater.stop();
    this.repeaters.clear();
    this.stopFollowing();
  }

  /**
   * Forgets every remembered answer (a demo switching scenarios); node hints replace the configured
   * ones, and `linstor` turns the configured LINSTOR controller on or off for what follows.
   */
  reset(hints?: NodeHint[], options: { linstor?: boolean } = {}): void {
    for (const repeater of this.repeaters.values()) repeater.stop();
    this.repeaters.clear();
    this.stopFollowing();
    // Polls still in flight belong to the old generation; their answers are dropped.
    this.generation++;
    this.api = emptyMemory();
    this.agents.clear();
    this.nodeStorage.clear();
    this.linstor = null;
    this.linstorUrls = null;
    if (options.linstor !== undefined) this.linstorEnabled = options.linstor;
    if (hints) this.knownNodes = hints;
    this.view = null;
    if (this.running) this.schedule();
    // Another cluster behind the same address (a demo switch) may grant its token other privileges.
    if (this.running) void this.checkPrivileges();
  }

  current(): ClusterView | null {
    return this.view;
  }

  private privileges: PrivilegeCheck | null = null;
  private privilegeTimer: NodeJS.Timeout | undefined;

  /** The last reading of the token's privileges; null before the first one finished. */
  privilegeCheck(): PrivilegeCheck | null {
    return this.privileges;
  }

  /**
   * Reads the token's own /access/permissions from the first API URL that answers; a privilege it
   * lacks becomes a pve.missing-privilege finding in the next view.
   */
  async checkPrivileges(): Promise<PrivilegeCheck> {
    const tokenId = this.config.proxmox.tokenId;
    let check: PrivilegeCheck | null = null;
    for (const target of this.targets()) {
      const host = new URL(target.url).host;
      try {
        const raw = await getPermissions(target, this.config.proxmox.timeoutMs);
        check = checkPrivileges(raw, tokenId, new Date(this.now()).toISOString());
        break;
      } catch (err) {
        check = failedPrivilegeCheck(
          tokenId,
          classifyUpstreamError(err, `/access/permissions on ${host}`, new Date(this.now())),
        );
      }
    }
    this.privileges =
      check ??
      failedPrivilegeCheck(tokenId, {
        kind: "not-configured",
        message: "no Proxmox URL configured",
        at: new Date(this.now()).toISOString(),
      });
    if (this.view) this.rebuild(this.generation);
    return this.privileges;
  }

  onUpdate(listener: (view: ClusterView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private repeaters = new Map<string, Repeater>();
  private generation = 0;
  /** Each agent's change stream, by node name. */
  private followers = new Map<string, AbortController>();
  /** Nodes with an out-of-schedule poll under way, and those that changed again meanwhile. */
  private urgent = new Set<string>();
  private urgentAgain = new Set<string>();
  /** Per node: the last poll started, and the newest whose answer was kept. */
  private pollStarted = new Map<string, number>();
  private pollKept = new Map<string, number>();

  /**
   * The API and each agent run on their own schedule, so a node that hangs until its deadline
   * never delays what the others report; every answer rebuilds the view at once.
   */
  private schedule(): void {
    const generation = this.generation;
    const interval = this.config.intervalMs;
    this.repeaters.set(
      "api",
      new Repeater(interval, async () => {
        await this.pollApi(generation);
        this.rebuild(generation);
        // storage.cfg may have just named the controller: ask it now rather than an interval later.
        if (this.linstor === null)
          void this.pollLinstor(generation).then(() => this.rebuild(generation));
      }).start(),
    );
    this.repeaters.set(
      "linstor",
      new Repeater(interval, async () => {
        await this.pollLinstor(generation);
        this.rebuild(generation);
      }).start(),
    );
    this.repeaters.set(
      "nodes",
      new Repeater(interval, () => {
        const wanted = new Set<string>();
        for (const node of this.identities()) {
          const key = `agent:${node.name}`;
          wanted.add(key);
          if (this.repeaters.has(key)) continue;
          this.repeaters.set(
            key,
            new Repeater(interval, async () => {
              const current = this.identities().find((n) => n.name === node.name) ?? node;
              await this.pollAgentNode(current, generation);
              this.rebuild(generation);
            }).start(),
          );
          this.follow(node, generation);
        }
        for (const [key, repeater] of this.repeaters) {
          if (key.startsWith("agent:") && !wanted.has(key)) {
            repeater.stop();
            this.repeaters.delete(key);
            const name = key.slice("agent:".length);
            this.followers.get(name)?.abort();
            this.followers.delete(name);
          }
        }
        return Promise.resolve();
      }).start(),
    );
  }

  /**
   * Listens to the agent's change stream: a link or membership change it announces is polled at
   * once instead of at the next interval.
   */
  private follow(
    node: { name: string; nodeId: number | null; ip: string | null },
    generation: number,
  ) {
    const agents = this.config.agents;
    const token = this.config.secrets.agentToken;
    if (!agents || token === null || this.followers.has(node.name)) return;
    const target = this.agentTarget(agents.urlTemplate, node);
    if (!target.ok) return;
    const url = target.url;
    const controller = new AbortController();
    this.followers.set(node.name, controller);
    void followAgentEvents(
      url,
      token,
      (probes) => this.onAgentChange(node.name, probes, generation),
      controller.signal,
    );
  }

  private stopFollowing(): void {
    for (const controller of this.followers.values()) controller.abort();
    this.followers.clear();
  }

  /**
   * A membership change also changes what the API reports (pmxcfs reads corosync's quorum live), so
   * the API is asked again too; the view must not keep calling a node quorate from an older answer.
   */
  private onAgentChange(name: string, probes: ChangedProbe[], generation: number): void {
    this.pollNow(name, generation);
    if (probes.includes("quorum")) this.pollApiNow(generation);
  }

  private apiStarted = 0;
  private apiKept = 0;
  private apiUrgent = false;
  private apiUrgentAgain = false;

  private pollApiNow(generation: number): void {
    if (generation !== this.generation) return;
    if (this.apiUrgent) {
      this.apiUrgentAgain = true;
      return;
    }
    this.apiUrgent = true;
    void this.pollApi(generation)
      .then(() => this.rebuild(generation))
      .finally(() => {
        this.apiUrgent = false;
        if (this.apiUrgentAgain) {
          this.apiUrgentAgain = false;
          this.pollApiNow(generation);
        }
      });
  }

  /** One poll of a node out of schedule; a change announced meanwhile runs one more after it. */
  private pollNow(name: string, generation: number): void {
    if (generation !== this.generation) return;
    if (this.urgent.has(name)) {
      this.urgentAgain.add(name);
      return;
    }
    this.urgent.add(name);
    const node = this.identities().find((n) => n.name === name);
    if (!node) {
      this.urgent.delete(name);
      return;
    }
    void this.pollAgentNode(node, generation)
      .then(() => this.rebuild(generation))
      .finally(() => {
        this.urgent.delete(name);
        if (this.urgentAgain.delete(name)) this.pollNow(name, generation);
      });
  }

  private identities() {
    return nodeIdentities({ api: this.api, agents: this.agents, knownNodes: this.knownNodes });
  }

  /** Everything the view is built from, as of `nowMs`: another dashboard instance rebuilds it from this. */
  collectedState(nowMs = this.now()): CollectedState {
    return {
      clusterId: this.config.id,
      intervalMs: this.config.intervalMs,
      thresholds: this.thresholds,
      nowMs,
      api: this.api,
      agents: this.agents,
      nodeStorage: this.nodeStorage,
      linstor: this.linstor,
      knownNodes: this.knownNodes,
      agentsExpected: Boolean(this.config.agents) && this.config.secrets.agentToken !== null,
      privileges: this.privileges,
    };
  }

  /**
   * Shows a view built from another instance's collected state, while that instance polls this
   * cluster; listeners hear it as they hear this collector's own.
   */
  adopt(view: EvaluatedCluster): void {
    this.polls++;
    this.view = { ...view, polls: this.polls };
    for (const listener of this.listeners) listener(this.view);
  }

  private rebuild(generation: number): ClusterView | null {
    if (generation !== this.generation) return null;
    this.polls++;
    const view: ClusterView = {
      ...evaluateCluster(this.collectedState()),
      polls: this.polls,
    };
    this.view = view;
    for (const listener of this.listeners) listener(view);
    return view;
  }

  private targets(): ProxmoxTarget[] {
    return this.config.proxmox.urls.map((url) => ({
      url,
      tokenId: this.config.proxmox.tokenId,
      tokenSecret: this.config.secrets.proxmoxToken,
      dispatcher: this.dispatcher,
    }));
  }

  /** One poll of every source at once, then a fresh view; the schedule does this per source. */
  async poll(): Promise<ClusterView> {
    const generation = this.generation;
    const nodes = this.identities();
    await Promise.all([
      this.pollApi(generation).then(() => this.pollLinstor(generation)),
      ...nodes.map((node) => this.pollAgentNode(node, generation)),
    ]);
    const view = this.rebuild(generation);
    if (!view) throw new ResetDuringPoll();
    return view;
  }

  private async pollApi(generation: number): Promise<void> {
    const started = ++this.apiStarted;
    // Scheduled and out-of-schedule polls overlap: an older answer never replaces a newer one.
    const current = () => generation === this.generation && started >= this.apiKept;
    const deadline = this.config.proxmox.timeoutMs;
    let lastFailure: SourceFailure | null = null;
    for (const target of this.targets()) {
      const host = new URL(target.url).host;
      let status: unknown;
      try {
        status = await getEndpoint(target, "/cluster/status", deadline);
      } catch (err) {
        lastFailure = classifyUpstreamError(err, `Proxmox API at ${host}`, new Date(this.now()));
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
            failure: classifyUpstreamError(err, `${endpoint} on ${host}`, new Date(this.now())),
          };
        }
      });
      const assembled = assembleApiView(results, host, new Date(this.now()).toISOString());
      if (!assembled.ok) {
        lastFailure = assembled.failure;
        continue;
      }
      if (!current()) return;
      this.apiKept = started;
      this.api = remember(this.api, assembled.view, this.now());
      await this.pollNodeStorage(target, assembled.view, generation);
      return;
    }
    if (!current()) return;
    this.apiKept = started;
    this.api = rememberFailure(
      this.api,
      lastFailure ?? {
        kind: "not-configured",
        message: "no Proxmox URL configured",
        at: new Date(this.now()).toISOString(),
      },
    );
  }

  /**
   * The controller the config or storage.cfg names, read-only under its own deadline. Until it
   * first answers, its memory is empty: unknown, never fine.
   */
  private async pollLinstor(generation: number): Promise<void> {
    if (this.linstorBusy || generation !== this.generation) return;
    const config =
      this.linstorEnabled === null
        ? this.config.linstor
        : { ...this.config.linstor, enabled: this.linstorEnabled };
    const derived = linstorControllerUrls(config, this.api.data?.storages ?? null);
    if (derived !== null) this.linstorUrls = derived;
    const urls = this.linstorUrls;
    if (urls === null) return;
    if (urls.length === 0) {
      this.linstor = null;
      return;
    }
    this.linstor ??= emptyMemory();
    this.linstorBusy = true;
    try {
      const token = this.config.secrets.linstor.token;
      const targets: LinstorTarget[] = urls.map((url) => ({
        url,
        token,
        dispatcher: this.linstorDispatcher,
      }));
      const result = await pollLinstor(
        targets,
        this.config.linstor?.timeoutMs ?? LINSTOR_TIMEOUT_MS,
        this.now,
      );
      if (generation !== this.generation) return;
      const memory = this.linstor ?? emptyMemory<LinstorView>();
      this.linstor = result.ok
        ? remember(memory, result.view, this.now())
        : rememberFailure(memory, result.failure);
    } finally {
      this.linstorBusy = false;
    }
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
          rememberFailure(
            memory,
            classifyUpstreamError(err, `/nodes/${node}/storage`, new Date(this.now())),
          ),
        );
      }
    });
  }

  /** Where this node's agent is asked; only an address from the config or inside agentNetworks. */
  private agentTarget(
    template: string,
    node: { name: string; nodeId: number | null; ip: string | null },
  ): AgentTarget {
    const hint = this.knownNodes.find((n) => n.name === node.name);
    const agentUrl = this.config.nodes.find((n) => n.name === node.name)?.agentUrl;
    return agentTarget({
      template,
      node,
      configured:
        hint || agentUrl ? { name: node.name, ip: hint?.ip ?? null, agentUrl } : undefined,
      agentNetworks: this.config.agentNetworks,
    });
  }

  private async pollAgentNode(
    node: { name: string; nodeId: number | null; ip: string | null },
    generation: number,
  ): Promise<void> {
    const agents = this.config.agents;
    const token = this.config.secrets.agentToken;
    if (!agents || token === null) return;
    const memory: AgentMemory = this.agents.get(node.name) ?? {
      ...emptyMemory(),
      clockOffsetMs: null,
    };
    const target = this.agentTarget(agents.urlTemplate, node);
    if (!target.ok) {
      this.agents.set(node.name, {
        ...memory,
        error: {
          kind: "not-configured",
          message: target.reason,
          at: new Date(this.now()).toISOString(),
        },
      });
      return;
    }
    const url = target.url;
    const started = (this.pollStarted.get(node.name) ?? 0) + 1;
    this.pollStarted.set(node.name, started);
    const result = forNode(await pollAgent(url, token, agents.timeoutMs), node.name, url);
    if (generation !== this.generation) return;
    // Scheduled and out-of-schedule polls overlap: an older answer never replaces a newer one.
    if (started < (this.pollKept.get(node.name) ?? 0)) return;
    this.pollKept.set(node.name, started);
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
  }
}
