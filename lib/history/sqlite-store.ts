import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { COMPONENT_IDS, type ComponentId } from "@/lib/surfaces/public-status";
import { MIGRATIONS, type Migration } from "./migrations";
import { SqliteOutbox } from "./sqlite-outbox";
import type {
  CoverageSegment,
  DaySummary,
  Delivery,
  DeliveryOutcome,
  DueDelivery,
  HistoryStore,
  Incident,
  IncidentImpact,
  IncidentStatus,
  IncidentUpdate,
  MaintenanceWindow,
  NewIncident,
  NewMaintenance,
  NewTrackedFinding,
  PurgeResult,
  RecordedWord,
  StateChange,
  TrackedFinding,
  WordDurations,
} from "./types";
import { DAY_MS, dayStartMs, utcDay, wordDurations } from "./uptime";

type Db = Database.Database;

/** How long after midnight a day's summary is kept for good (longer than any heartbeat gap). */
const SETTLE_MS = 3_600_000;

interface IncidentRow {
  id: number;
  cluster_id: string;
  component_id: string | null;
  impact: IncidentImpact;
  status: IncidentStatus;
  title: string;
  started_at_ms: number;
  resolved_at_ms: number | null;
  auto: number;
  postmortem: string | null;
}

interface UpdateRow {
  id: number;
  incident_id: number;
  at_ms: number;
  status: IncidentStatus;
  body: string;
}

interface MaintenanceRow {
  id: number;
  cluster_id: string;
  component_ids: string | null;
  title: string;
  body: string;
  starts_at_ms: number;
  ends_at_ms: number;
  created_at_ms: number;
}

interface DayRow {
  day: string;
  operational_ms: number;
  degraded_ms: number;
  outage_ms: number;
  unknown_ms: number;
  maintenance_ms: number;
  no_data_ms: number;
}

/** Rows hold only ids this code wrote; an id from a newer version reads as no component. */
function componentId(value: string | null): ComponentId | null {
  return COMPONENT_IDS.find((id) => id === value) ?? null;
}

function componentIds(json: string | null): ComponentId[] | null {
  if (json === null) return null;
  const list = JSON.parse(json) as unknown;
  return Array.isArray(list) ? COMPONENT_IDS.filter((id) => list.includes(id)) : null;
}

/** Applies every migration newer than the database, all in one transaction; returns the version. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)",
  );
  const apply = db.transaction(() => {
    const row = db.prepare("SELECT max(version) AS v FROM schema_version").get() as {
      v: number | null;
    };
    const current = row.v ?? 0;
    const insert = db.prepare(
      "INSERT INTO schema_version (version, name, applied_at_ms) VALUES (?, ?, ?)",
    );
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      insert.run(m.version, m.name, Date.now());
    }
    return Math.max(current, ...migrations.map((m) => m.version));
  });
  // IMMEDIATE takes the write lock first, so a second process starting at once waits, then sees
  // the migrations already applied.
  return apply.immediate();
}

/** Opens (creating when needed) the history database: WAL, full sync, migrations applied. */
export function openSqliteHistory(file: string): SqliteHistoryStore {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  // FULL: a committed change survives a power cut as well as a killed process.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  migrate(db);
  return new SqliteHistoryStore(db);
}

export class SqliteHistoryStore implements HistoryStore {
  private readonly outbox: SqliteOutbox;

  constructor(readonly db: Db) {
    this.outbox = new SqliteOutbox(db);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  heartbeat(clusterId: string, atMs: number, maxGapMs: number, fresh: boolean): boolean {
    const last = this.db
      .prepare(
        "SELECT id, end_ms FROM coverage WHERE cluster_id = ? ORDER BY end_ms DESC, id DESC LIMIT 1",
      )
      .get(clusterId) as { id: number; end_ms: number } | undefined;
    if (!fresh && last && atMs >= last.end_ms && atMs - last.end_ms <= maxGapMs) {
      this.db.prepare("UPDATE coverage SET end_ms = ? WHERE id = ?").run(atMs, last.id);
      return false;
    }
    // A segment never starts before the previous one ended, even if the clock stepped back.
    const start = last ? Math.max(atMs, last.end_ms) : atMs;
    this.db
      .prepare("INSERT INTO coverage (cluster_id, start_ms, end_ms) VALUES (?, ?, ?)")
      .run(clusterId, start, start);
    return true;
  }

  recordChanges(changes: readonly StateChange[]): void {
    const insert = this.db.prepare(
      "INSERT INTO state_changes (cluster_id, component_id, at_ms, word) VALUES (?, ?, ?, ?)",
    );
    for (const c of changes) insert.run(c.clusterId, c.componentId, c.atMs, c.word);
  }

  changes(clusterId: string, fromMs: number, toMs: number): StateChange[] {
    return COMPONENT_IDS.flatMap((id) => this.componentChanges(clusterId, id, fromMs, toMs));
  }

  private componentChanges(
    clusterId: string,
    component: ComponentId,
    fromMs: number,
    toMs: number,
  ): StateChange[] {
    const rows = this.db
      .prepare(
        `SELECT at_ms, word FROM (
           SELECT at_ms, word, id FROM state_changes
            WHERE cluster_id = ? AND component_id = ? AND at_ms < ?
            ORDER BY at_ms DESC, id DESC LIMIT 1) AS before_range
         UNION ALL
         SELECT at_ms, word FROM (
           SELECT at_ms, word, id FROM state_changes
            WHERE cluster_id = ? AND component_id = ? AND at_ms >= ? AND at_ms < ?
            ORDER BY at_ms, id) AS in_range`,
      )
      .all(clusterId, component, fromMs, clusterId, component, fromMs, toMs) as {
      at_ms: number;
      word: RecordedWord;
    }[];
    return rows.map((r) => ({ clusterId, componentId: component, atMs: r.at_ms, word: r.word }));
  }

  coverage(clusterId: string, fromMs: number, toMs: number): CoverageSegment[] {
    const rows = this.db
      .prepare(
        "SELECT start_ms, end_ms FROM coverage WHERE cluster_id = ? AND end_ms > ? AND start_ms < ? ORDER BY start_ms",
      )
      .all(clusterId, fromMs, toMs) as { start_ms: number; end_ms: number }[];
    return rows.map((r) => ({ clusterId, startMs: r.start_ms, endMs: r.end_ms }));
  }

  firstRecordedMs(clusterId: string): number | null {
    const row = this.db
      .prepare("SELECT min(start_ms) AS first FROM coverage WHERE cluster_id = ?")
      .get(clusterId) as { first: number | null };
    return row.first;
  }

  private toIncident(row: IncidentRow): Incident {
    const updates = (
      this.db
        .prepare("SELECT * FROM incident_updates WHERE incident_id = ? ORDER BY at_ms, id")
        .all(row.id) as UpdateRow[]
    ).map((u): IncidentUpdate => ({
      id: u.id,
      incidentId: u.incident_id,
      atMs: u.at_ms,
      status: u.status,
      body: u.body,
    }));
    return {
      id: row.id,
      clusterId: row.cluster_id,
      componentId: componentId(row.component_id),
      impact: row.impact,
      status: row.status,
      title: row.title,
      startedAtMs: row.started_at_ms,
      resolvedAtMs: row.resolved_at_ms,
      auto: row.auto === 1,
      postmortem: row.postmortem,
      updates,
    };
  }

  openIncident(incident: NewIncident): Incident {
    return this.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO incidents (cluster_id, component_id, impact, status, title, started_at_ms, auto)
           VALUES (?, ?, ?, 'investigating', ?, ?, ?)`,
        )
        .run(
          incident.clusterId,
          incident.componentId,
          incident.impact,
          incident.title,
          incident.atMs,
          incident.auto ? 1 : 0,
        );
      const id = Number(lastInsertRowid);
      this.db
        .prepare(
          "INSERT INTO incident_updates (incident_id, at_ms, status, body) VALUES (?, ?, 'investigating', ?)",
        )
        .run(id, incident.atMs, incident.body);
      return this.incident(id)!;
    });
  }

  addIncidentUpdate(
    incidentId: number,
    update: { atMs: number; status: IncidentStatus; body: string },
  ): Incident | null {
    return this.transaction(() => {
      const current = this.incident(incidentId);
      if (!current) return null;
      this.db
        .prepare(
          "INSERT INTO incident_updates (incident_id, at_ms, status, body) VALUES (?, ?, ?, ?)",
        )
        .run(incidentId, update.atMs, update.status, update.body);
      const resolvedAt =
        update.status === "resolved" ? (current.resolvedAtMs ?? update.atMs) : null;
      this.db
        .prepare("UPDATE incidents SET status = ?, resolved_at_ms = ? WHERE id = ?")
        .run(update.status, resolvedAt, incidentId);
      return this.incident(incidentId);
    });
  }

  /** Resolves with the moment the component became clear, which may precede this update. */
  resolveIncident(incidentId: number, clearSinceMs: number, atMs: number, body: string): void {
    this.transaction(() => {
      this.addIncidentUpdate(incidentId, { atMs, status: "resolved", body });
      this.db
        .prepare("UPDATE incidents SET resolved_at_ms = ? WHERE id = ?")
        .run(clearSinceMs, incidentId);
    });
  }

  editIncident(
    incidentId: number,
    patch: { title?: string; postmortem?: string | null; impact?: IncidentImpact },
  ): Incident | null {
    const current = this.incident(incidentId);
    if (!current) return null;
    this.db
      .prepare("UPDATE incidents SET title = ?, postmortem = ?, impact = ? WHERE id = ?")
      .run(
        patch.title ?? current.title,
        patch.postmortem === undefined ? current.postmortem : patch.postmortem,
        patch.impact ?? current.impact,
        incidentId,
      );
    return this.incident(incidentId);
  }

  incident(incidentId: number): Incident | null {
    const row = this.db.prepare("SELECT * FROM incidents WHERE id = ?").get(incidentId) as
      IncidentRow | undefined;
    return row ? this.toIncident(row) : null;
  }

  incidents(clusterIds: readonly string[], sinceMs: number): Incident[] {
    if (clusterIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM incidents WHERE cluster_id IN (${clusterIds.map(() => "?").join(",")})
           AND (resolved_at_ms IS NULL OR resolved_at_ms >= ?)
         ORDER BY started_at_ms DESC, id DESC`,
      )
      .all(...clusterIds, sinceMs) as IncidentRow[];
    return rows.map((r) => this.toIncident(r));
  }

  openIncidents(clusterId: string): Incident[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM incidents WHERE cluster_id = ? AND status != 'resolved' ORDER BY started_at_ms",
      )
      .all(clusterId) as IncidentRow[];
    return rows.map((r) => this.toIncident(r));
  }

  scheduleMaintenance(window: NewMaintenance): MaintenanceWindow {
    return this.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO maintenance_windows
             (cluster_id, component_ids, title, body, starts_at_ms, ends_at_ms, created_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          window.clusterId,
          window.componentIds === null ? null : JSON.stringify(window.componentIds),
          window.title,
          window.body,
          window.startsAtMs,
          window.endsAtMs,
          window.createdAtMs,
        );
      this.forgetDays(window.clusterId, window.startsAtMs, window.endsAtMs);
      return this.maintenanceWindow(Number(lastInsertRowid))!;
    });
  }

  cancelMaintenance(id: number): boolean {
    return this.transaction(() => {
      const window = this.maintenanceWindow(id);
      if (!window) return false;
      this.db.prepare("DELETE FROM maintenance_windows WHERE id = ?").run(id);
      this.forgetDays(window.clusterId, window.startsAtMs, window.endsAtMs);
      return true;
    });
  }

  /** Stored day summaries a maintenance change makes wrong; they are computed again when read. */
  private forgetDays(clusterId: string, fromMs: number, toMs: number): void {
    this.db
      .prepare("DELETE FROM daily_summaries WHERE cluster_id = ? AND day >= ? AND day <= ?")
      .run(clusterId, utcDay(fromMs), utcDay(toMs));
  }

  maintenanceWindow(id: number): MaintenanceWindow | null {
    const row = this.db.prepare("SELECT * FROM maintenance_windows WHERE id = ?").get(id) as
      MaintenanceRow | undefined;
    return row ? toMaintenance(row) : null;
  }

  maintenance(clusterIds: readonly string[], fromMs: number, toMs: number): MaintenanceWindow[] {
    if (clusterIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM maintenance_windows WHERE cluster_id IN (${clusterIds.map(() => "?").join(",")})
           AND ends_at_ms > ? AND starts_at_ms < ? ORDER BY starts_at_ms, id`,
      )
      .all(...clusterIds, fromMs, toMs) as MaintenanceRow[];
    return rows.map(toMaintenance);
  }

  durations(
    clusterId: string,
    component: ComponentId,
    fromMs: number,
    toMs: number,
  ): WordDurations {
    return wordDurations({
      fromMs,
      toMs,
      changes: this.componentChanges(clusterId, component, fromMs, toMs),
      coverage: this.coverage(clusterId, fromMs, toMs),
      maintenance: this.maintenance([clusterId], fromMs, toMs).filter(
        (m) => m.componentIds === null || m.componentIds.includes(component),
      ),
      firstRecordedMs: this.firstRecordedMs(clusterId),
    });
  }

  dailySummaries(
    clusterId: string,
    component: ComponentId,
    days: readonly string[],
    nowMs: number,
  ): DaySummary[] {
    if (days.length === 0) return [];
    const stored = new Map(
      (
        this.db
          .prepare(
            "SELECT * FROM daily_summaries WHERE cluster_id = ? AND component_id = ? AND day >= ? AND day <= ?",
          )
          .all(clusterId, component, days[0], days[days.length - 1]) as DayRow[]
      ).map((r) => [r.day, r]),
    );
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO daily_summaries
         (cluster_id, component_id, day, operational_ms, degraded_ms, outage_ms, unknown_ms, maintenance_ms, no_data_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return days.map((day) => {
      const row = stored.get(day);
      if (row) return { clusterId, componentId: component, day, ms: fromDayRow(row) };
      const start = dayStartMs(day);
      const end = Math.min(start + DAY_MS, nowMs);
      const ms = this.durations(clusterId, component, start, Math.max(start, end));
      // Only a day that has been over for a while is kept: a heartbeat may still extend into it.
      if (start + DAY_MS + SETTLE_MS <= nowMs)
        insert.run(
          clusterId,
          component,
          day,
          ms.Operational,
          ms.Degraded,
          ms.Outage,
          ms.Unknown,
          ms.Maintenance,
          ms.NoData,
        );
      return { clusterId, componentId: component, day, ms };
    });
  }

  purge(beforeMs: number): PurgeResult {
    return this.transaction(() => {
      const run = (sql: string, ...args: unknown[]) => this.db.prepare(sql).run(...args).changes;
      // The last change before the cut is kept: it is the state at the start of what remains.
      const changes = run(
        `DELETE FROM state_changes WHERE at_ms < ? AND id NOT IN (
           SELECT max(id) FROM state_changes WHERE at_ms < ? GROUP BY cluster_id, component_id)`,
        beforeMs,
        beforeMs,
      );
      const coverage = run("DELETE FROM coverage WHERE end_ms < ?", beforeMs);
      run("UPDATE coverage SET start_ms = ? WHERE start_ms < ?", beforeMs, beforeMs);
      const incidents = run(
        "DELETE FROM incidents WHERE resolved_at_ms IS NOT NULL AND resolved_at_ms < ?",
        beforeMs,
      );
      const maintenance = run("DELETE FROM maintenance_windows WHERE ends_at_ms < ?", beforeMs);
      const days = run("DELETE FROM daily_summaries WHERE day < ?", utcDay(beforeMs));
      return { changes, coverage, incidents, maintenance, days };
    });
  }

  openFindings(clusterId?: string): TrackedFinding[] {
    return this.outbox.openFindings(clusterId);
  }

  openFindingsFor(receiver: string): TrackedFinding[] {
    return this.outbox.openFindingsFor(receiver);
  }

  openFinding(finding: NewTrackedFinding, receivers: readonly string[]): TrackedFinding {
    return this.outbox.openFinding(finding, receivers);
  }

  closeFinding(findingId: number, atMs: number): void {
    this.outbox.closeFinding(findingId, atMs);
  }

  claimDelivery(receiver: string, nowMs: number, leaseMs: number): DueDelivery | null {
    return this.outbox.claimDelivery(receiver, nowMs, leaseMs);
  }

  recordAttempt(deliveryId: number, outcome: DeliveryOutcome): void {
    this.outbox.recordAttempt(deliveryId, outcome);
  }

  nextDueMs(receivers: readonly string[]): number | null {
    return this.outbox.nextDueMs(receivers);
  }

  deliveries(receiver?: string): Delivery[] {
    return this.outbox.deliveries(receiver);
  }

  purgeNotifications(beforeMs: number): number {
    return this.outbox.purgeNotifications(beforeMs);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toMaintenance(row: MaintenanceRow): MaintenanceWindow {
  return {
    id: row.id,
    clusterId: row.cluster_id,
    componentIds: componentIds(row.component_ids),
    title: row.title,
    body: row.body,
    startsAtMs: row.starts_at_ms,
    endsAtMs: row.ends_at_ms,
    createdAtMs: row.created_at_ms,
  };
}

function fromDayRow(row: DayRow): WordDurations {
  return {
    Operational: row.operational_ms,
    Degraded: row.degraded_ms,
    Outage: row.outage_ms,
    Unknown: row.unknown_ms,
    Maintenance: row.maintenance_ms,
    NoData: row.no_data_ms,
  };
}
