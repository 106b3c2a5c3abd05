import "server-only";
import type { ResolvedNotifications, ResolvedReceiver } from "@/lib/config/notify-schema";
import type { DueDelivery, HistoryStore, TrackedFinding } from "@/lib/history/types";
import { alertmanagerRequest, toPostableAlert } from "./alertmanager";
import { gatusRequest } from "./gatus";
import { clusterLink, iso, type NotificationEvent, type OutgoingRequest } from "./message";
import { ntfyRequest } from "./ntfy";
import { send, type SendResult } from "./send";
import { webhookRequest } from "./webhook";

/** A claimed delivery outlives its attempt's timeout by this much, time to record the outcome. */
const LEASE_MARGIN_MS = 5_000;

export interface DispatcherOptions {
  store: HistoryStore;
  config: Pick<ResolvedNotifications, "receivers" | "retry" | "refreshMs" | "dashboardUrl">;
  /** Cluster ids to display names, for titles. */
  clusterNames?: ReadonlyMap<string, string | undefined>;
  now?: () => number;
  log?: (line: string) => void;
}

/** How long a retry waits after `attempts` failed attempts: doubling from the first delay, capped. */
export function retryDelayMs(retry: ResolvedNotifications["retry"], attempts: number): number {
  return Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends what the outbox queued. Each receiver has its own queue, worked one delivery at a time in
 * order, and each attempt is bounded by the receiver's timeout: a receiver that fails or hangs
 * delays only its own notifications. Every outcome is written to the store before the next, so a
 * restart resends only what was not confirmed, and a delivery is claimed before it is sent, so two
 * processes sharing the database never send it twice.
 */
export class NotificationDispatcher {
  private readonly store: HistoryStore;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly draining = new Map<string, Promise<void>>();
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly refreshFailing = new Set<string>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: DispatcherOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => console.error(line));
  }

  private get receivers(): readonly ResolvedReceiver[] {
    return this.options.config.receivers;
  }

  /** Works every receiver's due deliveries; resolves when those queues are empty or waiting. */
  tick(): Promise<void> {
    return Promise.all(
      this.receivers.map((receiver) => {
        let run = this.draining.get(receiver.name);
        if (!run) {
          run = this.drain(receiver)
            .catch((err: unknown) => this.log(this.line(receiver, `stopped: ${String(err)}`)))
            .finally(() => this.draining.delete(receiver.name));
          this.draining.set(receiver.name, run);
        }
        return run;
      }),
    ).then(() => undefined);
  }

  /** Starts a tick without waiting for it; for the recorder right after it queued something. */
  kick(): void {
    void this.tick();
  }

  /** Tells Alertmanager and Gatus the current state again, as their alerts otherwise expire. */
  refresh(): Promise<void> {
    return Promise.all(
      this.receivers
        .filter((r) => r.type === "alertmanager" || r.type === "gatus")
        .map((receiver) => {
          let run = this.refreshing.get(receiver.name);
          if (!run) {
            run = this.refreshOne(receiver).finally(() => this.refreshing.delete(receiver.name));
            this.refreshing.set(receiver.name, run);
          }
          return run;
        }),
    ).then(() => undefined);
  }

  /** Polls for due retries every `pollMs` and refreshes every `refreshMs`; timers do not hold the process. */
  start(pollMs = 1_000): void {
    if (this.timers.length > 0) return;
    this.timers = [
      setInterval(() => this.kick(), pollMs),
      setInterval(() => void this.refresh(), this.options.config.refreshMs),
    ];
    for (const t of this.timers) t.unref();
    this.kick();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Resolves once every attempt now under way has been recorded. */
  async idle(): Promise<void> {
    await Promise.all([...this.draining.values(), ...this.refreshing.values()]);
  }

  private async drain(receiver: ResolvedReceiver): Promise<void> {
    for (;;) {
      const due = this.store.claimDelivery(
        receiver.name,
        this.now(),
        receiver.timeoutMs + LEASE_MARGIN_MS,
      );
      if (!due) return;
      const result = await send(this.request(receiver, due, this.now()), receiver.timeoutMs);
      this.settle(receiver, due, result);
    }
  }

  private settle(receiver: ResolvedReceiver, due: DueDelivery, result: SendResult): void {
    const atMs = this.now();
    if (result.ok) {
      this.store.recordAttempt(due.id, { ok: true, atMs });
      return;
    }
    const attempts = due.attempts + 1;
    const { retry } = this.options.config;
    const retryAtMs = attempts >= retry.maxAttempts ? null : atMs + retryDelayMs(retry, attempts);
    this.store.recordAttempt(due.id, { ok: false, atMs, error: result.error, retryAtMs });
    const what = `${due.transition === "open" ? "opening" : "closing"} of ${due.finding.rule} on ${due.finding.clusterId}`;
    this.log(
      this.line(
        receiver,
        `${what}: attempt ${attempts} failed: ${result.error}; ${
          retryAtMs === null ? "giving up" : `next attempt at ${iso(retryAtMs)}`
        }`,
      ),
    );
  }

  private event(due: DueDelivery): NotificationEvent {
    return {
      deliveryId: due.id,
      event: due.transition === "open" ? "opened" : "closed",
      cluster: this.cluster(due.finding.clusterId),
      finding: due.finding,
      link: clusterLink(this.options.config.dashboardUrl, due.finding.clusterId),
    };
  }

  private cluster(id: string): NotificationEvent["cluster"] {
    return { id, name: this.options.clusterNames?.get(id) ?? null };
  }

  private request(receiver: ResolvedReceiver, due: DueDelivery, nowMs: number): OutgoingRequest {
    switch (receiver.type) {
      case "alertmanager":
        return alertmanagerRequest(receiver, [
          toPostableAlert(receiver, this.event(due), nowMs, this.holdMs()),
        ]);
      case "webhook":
        return webhookRequest(receiver, this.event(due), nowMs);
      case "ntfy":
        return ntfyRequest(receiver, this.event(due));
      case "gatus":
        return gatusRequest(receiver, this.store.openFindingsFor(receiver.name));
    }
  }

  /** A firing alert outlives four missed refreshes, as Prometheus's alerts do. */
  private holdMs(): number {
    return 4 * this.options.config.refreshMs;
  }

  private async refreshOne(receiver: ResolvedReceiver): Promise<void> {
    const open = this.store.openFindingsFor(receiver.name);
    let request: OutgoingRequest | null = null;
    if (receiver.type === "alertmanager" && open.length > 0) {
      const nowMs = this.now();
      request = alertmanagerRequest(
        receiver,
        open.map((f) => toPostableAlert(receiver, this.findingEvent(f), nowMs, this.holdMs())),
      );
    } else if (receiver.type === "gatus") {
      request = gatusRequest(receiver, open);
    }
    if (!request) return;
    const result = await send(request, receiver.timeoutMs);
    // One line when refreshing starts failing and one when it recovers, not one per refresh.
    if (!result.ok && !this.refreshFailing.has(receiver.name)) {
      this.refreshFailing.add(receiver.name);
      this.log(this.line(receiver, `refresh failed: ${result.error}`));
    } else if (result.ok && this.refreshFailing.delete(receiver.name)) {
      this.log(this.line(receiver, "refresh works again"));
    }
  }

  private findingEvent(f: TrackedFinding): Omit<NotificationEvent, "deliveryId" | "event"> {
    return {
      cluster: this.cluster(f.clusterId),
      finding: f,
      link: clusterLink(this.options.config.dashboardUrl, f.clusterId),
    };
  }

  private line(receiver: ResolvedReceiver, text: string): string {
    return `[tiebreaker] notifications: ${receiver.type} receiver "${receiver.name}": ${text}`;
  }
}
