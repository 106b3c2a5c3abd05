import "server-only";
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import { evaluateCluster } from "@/lib/health/evaluate-cluster";
import type { RecordableCollector } from "@/lib/history/recorder";
import type { CollectedState } from "@/lib/snapshot/build-snapshot";
import type { ClusterCollector } from "./cluster-collector";

/** The first key of every poller lock, so they never collide with another application's. */
const NAMESPACE = 7_365_812;

/** The second key: the cluster id's first 32 bits of SHA-256. */
export function lockKey(clusterId: string): number {
  return createHash("sha256").update(clusterId).digest().readInt32BE(0);
}

/** JSON with Maps kept as Maps, for the collected state shared between instances. */
export function encodeState(state: CollectedState): string {
  return JSON.stringify(state, (_key, value: unknown) =>
    value instanceof Map ? { $map: [...(value as Map<unknown, unknown>).entries()] } : value,
  );
}

export function decodeState(text: string): CollectedState {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === "object" && "$map" in value
      ? new Map((value as { $map: [unknown, unknown][] }).$map)
      : value,
  ) as CollectedState;
}

const TABLE = `CREATE TABLE IF NOT EXISTS tiebreaker_cluster_state (
  cluster_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  written_at_ms BIGINT NOT NULL,
  poller TEXT NOT NULL
)`;

/**
 * Dashboard instances sharing one PostgreSQL elect one poller per cluster: the instance whose
 * session holds the cluster's advisory lock polls it and writes what it collected; every other
 * instance reads that and builds the same view with its own clock, so stale data ages there too.
 * When the poller's session ends (its process dies, its network goes), PostgreSQL releases its
 * locks and the next instance to try, at most one interval later, takes over.
 */
export class PollerElection {
  private session: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly pool: pg.Pool;
  private readonly polling = new Set<string>();
  private readonly tries = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly writing = new Map<string, Promise<void>>();
  private readonly offs: (() => void)[] = [];
  /** Clusters polled without the lock because PostgreSQL cannot be reached. */
  private readonly alone = new Set<string>();
  private tableReady = false;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly collectors: readonly ClusterCollector[],
    readonly instance = `${hostname()}:${process.pid}`,
    private readonly log: Pick<Console, "log" | "error"> = console,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
    // An idle pooled connection that breaks is replaced on the next query.
    this.pool.on("error", () => {});
  }

  isPolling(clusterId: string): boolean {
    return this.polling.has(clusterId);
  }

  /** How many times this instance has tried to take the cluster's lock. */
  attempts(clusterId: string): number {
    return this.tries.get(clusterId) ?? 0;
  }

  start(): void {
    for (const collector of this.collectors) {
      this.offs.push(collector.onUpdate(() => this.share(collector)));
      void this.loop(collector);
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const off of this.offs.splice(0)) off();
    for (const c of this.collectors) c.stop();
    this.polling.clear();
    await Promise.allSettled(this.writing.values());
    await this.session?.end().catch(() => {});
    await this.pool.end();
  }

  /** Only the poller's views go into history and notifications, so no instance repeats another's. */
  whilePolling(collector: ClusterCollector): RecordableCollector {
    return {
      config: collector.config,
      onUpdate: (listener) =>
        collector.onUpdate((view) => {
          if (this.isPolling(collector.config.id)) listener(view);
        }),
    };
  }

  private async loop(collector: ClusterCollector): Promise<void> {
    if (this.stopped) return;
    await this.tick(collector);
    if (this.stopped) return;
    this.timers.set(
      collector.config.id,
      setTimeout(() => void this.loop(collector), collector.config.intervalMs),
    );
  }

  private async tick(collector: ClusterCollector): Promise<void> {
    const id = collector.config.id;
    try {
      const session = await this.lockSession();
      if (this.polling.has(id)) {
        // A dead session must be noticed even when nothing else would use it.
        await session.query("SELECT 1");
        return;
      }
      if (!this.tableReady) {
        await this.pool.query(TABLE);
        this.tableReady = true;
      }
      this.tries.set(id, this.attempts(id) + 1);
      const { rows } = await session.query<{ got: boolean }>(
        "SELECT pg_try_advisory_lock($1, $2) AS got",
        [NAMESPACE, lockKey(id)],
      );
      if (rows[0]?.got && session === this.session) {
        this.polling.add(id);
        this.alone.delete(id);
        this.log.log(`[tiebreaker] ${this.instance} polls ${id}`);
        collector.start();
        return;
      }
      if (this.alone.delete(id)) collector.stop();
      await this.follow(collector);
    } catch (err) {
      this.log.error(`[tiebreaker] poller election for ${id}: ${String(err)}`);
      // Without PostgreSQL nobody can be elected: every instance polls rather than none.
      if (!this.polling.has(id) && !this.alone.has(id)) {
        this.alone.add(id);
        collector.start();
      }
    }
  }

  /** Builds the view from what the poller last wrote, aged by this instance's clock. */
  private async follow(collector: ClusterCollector): Promise<void> {
    const { rows } = await this.pool.query<{ state: string }>(
      "SELECT state FROM tiebreaker_cluster_state WHERE cluster_id = $1",
      [collector.config.id],
    );
    if (!rows[0]) return;
    const state = decodeState(rows[0].state);
    collector.adopt(
      evaluateCluster({ ...state, clusterId: collector.config.id, nowMs: Date.now() }),
    );
  }

  /** Writes the poller's latest collected state; one write at a time, the newest state wins. */
  private share(collector: ClusterCollector): void {
    const id = collector.config.id;
    if (!this.polling.has(id) || this.writing.has(id)) return;
    const write = this.pool
      .query(
        `INSERT INTO tiebreaker_cluster_state (cluster_id, state, written_at_ms, poller)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (cluster_id) DO UPDATE
           SET state = EXCLUDED.state, written_at_ms = EXCLUDED.written_at_ms, poller = EXCLUDED.poller`,
        [id, encodeState(collector.collectedState()), Date.now(), this.instance],
      )
      .then(
        () => undefined,
        (err: unknown) => this.log.error(`[tiebreaker] sharing ${id}'s state: ${String(err)}`),
      )
      .finally(() => this.writing.delete(id));
    this.writing.set(id, write);
  }

  private lockSession(): Promise<pg.Client> {
    if (this.session) return Promise.resolve(this.session);
    this.connecting ??= (async () => {
      const client = new pg.Client({
        connectionString: this.url,
        application_name: `tiebreaker poller ${this.instance}`,
        keepAlive: true,
      });
      const lost = () => this.lost(client);
      client.on("error", lost);
      client.on("end", lost);
      try {
        await client.connect();
      } catch (err) {
        client.removeAllListeners();
        throw err;
      }
      this.session = client;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  /** The session that held the locks is gone, and with it the locks: stop polling at once. */
  private lost(client: pg.Client): void {
    if (this.session !== client) return;
    this.session = null;
    for (const collector of this.collectors) {
      if (!this.polling.delete(collector.config.id)) continue;
      collector.stop();
      this.log.log(
        `[tiebreaker] ${this.instance} lost its lock session and stops polling ${collector.config.id}`,
      );
    }
    void client.end().catch(() => {});
  }
}
