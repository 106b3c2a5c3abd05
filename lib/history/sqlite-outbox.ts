import "server-only";
import type Database from "better-sqlite3";
import { SEVERITIES, type Severity } from "@/lib/health/types";
import type {
  Delivery,
  DeliveryOutcome,
  DueDelivery,
  FindingTransition,
  NewTrackedFinding,
  TrackedFinding,
} from "./types";

interface FindingRow {
  id: number;
  cluster_id: string;
  finding_key: string;
  rule: string;
  severity: string;
  subject: string;
  title: string;
  detail: string;
  remedy: string;
  opened_at_ms: number;
  closed_at_ms: number | null;
}

interface DeliveryRow {
  id: number;
  receiver: string;
  finding_id: number;
  transition: FindingTransition;
  status: Delivery["status"];
  attempts: number;
  next_attempt_ms: number;
  last_error: string | null;
  sent_at_ms: number | null;
}

/** Rows hold only severities this code wrote; one from a newer version reads as unknown. */
function severity(value: string): Severity {
  return SEVERITIES.find((s) => s === value) ?? "unknown";
}

function toFinding(row: FindingRow): TrackedFinding {
  return {
    id: row.id,
    clusterId: row.cluster_id,
    key: row.finding_key,
    rule: row.rule,
    severity: severity(row.severity),
    subject: row.subject,
    title: row.title,
    detail: row.detail,
    remedy: row.remedy,
    openedAtMs: row.opened_at_ms,
    closedAtMs: row.closed_at_ms,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    receiver: row.receiver,
    findingId: row.finding_id,
    transition: row.transition,
    status: row.status,
    attempts: row.attempts,
    nextAttemptMs: row.next_attempt_ms,
    lastError: row.last_error,
    sentAtMs: row.sent_at_ms,
  };
}

/** The notification outbox's half of the SQLite history store (tables of 003-notifications). */
export class SqliteOutbox {
  constructor(private readonly db: Database.Database) {}

  openFindings(clusterId?: string): TrackedFinding[] {
    const rows = (
      clusterId === undefined
        ? this.db
            .prepare("SELECT * FROM notify_findings WHERE closed_at_ms IS NULL ORDER BY id")
            .all()
        : this.db
            .prepare(
              "SELECT * FROM notify_findings WHERE closed_at_ms IS NULL AND cluster_id = ? ORDER BY id",
            )
            .all(clusterId)
    ) as FindingRow[];
    return rows.map(toFinding);
  }

  openFindingsFor(receiver: string): TrackedFinding[] {
    const rows = this.db
      .prepare(
        `SELECT f.* FROM notify_findings f JOIN notify_deliveries d ON d.finding_id = f.id
          WHERE f.closed_at_ms IS NULL AND d.receiver = ? AND d.transition = 'open'
          ORDER BY f.id`,
      )
      .all(receiver) as FindingRow[];
    return rows.map(toFinding);
  }

  openFinding(finding: NewTrackedFinding, receivers: readonly string[]): TrackedFinding {
    const write = this.db.transaction(() => {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO notify_findings
             (cluster_id, finding_key, rule, severity, subject, title, detail, remedy, opened_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          finding.clusterId,
          finding.key,
          finding.rule,
          finding.severity,
          finding.subject,
          finding.title,
          finding.detail,
          finding.remedy,
          finding.openedAtMs,
        );
      const id = Number(lastInsertRowid);
      const queue = this.db.prepare(
        `INSERT INTO notify_deliveries (receiver, finding_id, transition, status, next_attempt_ms, created_at_ms)
         VALUES (?, ?, 'open', 'pending', ?, ?)`,
      );
      for (const receiver of receivers)
        queue.run(receiver, id, finding.openedAtMs, finding.openedAtMs);
      return id;
    });
    const id = write();
    return toFinding(
      this.db.prepare("SELECT * FROM notify_findings WHERE id = ?").get(id) as FindingRow,
    );
  }

  closeFinding(findingId: number, atMs: number): void {
    this.db.transaction(() => {
      const row = this.db
        .prepare("SELECT opened_at_ms FROM notify_findings WHERE id = ? AND closed_at_ms IS NULL")
        .get(findingId) as { opened_at_ms: number } | undefined;
      if (!row) return;
      const closedAt = Math.max(atMs, row.opened_at_ms);
      this.db
        .prepare("UPDATE notify_findings SET closed_at_ms = ? WHERE id = ?")
        .run(closedAt, findingId);
      this.db
        .prepare(
          `INSERT OR IGNORE INTO notify_deliveries
             (receiver, finding_id, transition, status, next_attempt_ms, created_at_ms)
           SELECT receiver, finding_id, 'close', 'pending', ?, ? FROM notify_deliveries
            WHERE finding_id = ? AND transition = 'open'`,
        )
        .run(closedAt, closedAt, findingId);
    })();
  }

  claimDelivery(receiver: string, nowMs: number, leaseMs: number): DueDelivery | null {
    // IMMEDIATE: another process sharing the file waits for the lease instead of reading the row.
    return this.db.transaction(() => this.claim(receiver, nowMs, leaseMs)).immediate();
  }

  private claim(receiver: string, nowMs: number, leaseMs: number): DueDelivery | null {
    const row = this.db
      .prepare(
        `SELECT d.* FROM notify_deliveries d
          WHERE d.receiver = ? AND d.status = 'pending' AND d.next_attempt_ms <= ?
            AND NOT (d.transition = 'close' AND EXISTS (
              SELECT 1 FROM notify_deliveries o
               WHERE o.finding_id = d.finding_id AND o.receiver = d.receiver
                 AND o.transition = 'open' AND o.status = 'pending'))
          ORDER BY d.id LIMIT 1`,
      )
      .get(receiver, nowMs) as DeliveryRow | undefined;
    if (!row) return null;
    this.db
      .prepare("UPDATE notify_deliveries SET next_attempt_ms = ? WHERE id = ?")
      .run(nowMs + leaseMs, row.id);
    const finding = this.db
      .prepare("SELECT * FROM notify_findings WHERE id = ?")
      .get(row.finding_id) as FindingRow;
    return {
      ...toDelivery({ ...row, next_attempt_ms: nowMs + leaseMs }),
      finding: toFinding(finding),
    };
  }

  recordAttempt(deliveryId: number, outcome: DeliveryOutcome): void {
    if (outcome.ok) {
      this.db
        .prepare(
          `UPDATE notify_deliveries SET status = 'sent', attempts = attempts + 1, sent_at_ms = ?,
             last_error = NULL WHERE id = ? AND status = 'pending'`,
        )
        .run(outcome.atMs, deliveryId);
      return;
    }
    // Two statements rather than one CASE on a parameter, whose type PostgreSQL cannot infer.
    if (outcome.retryAtMs === null) {
      this.db
        .prepare(
          `UPDATE notify_deliveries SET attempts = attempts + 1, last_error = ?, status = 'failed'
            WHERE id = ? AND status = 'pending'`,
        )
        .run(outcome.error, deliveryId);
      return;
    }
    this.db
      .prepare(
        `UPDATE notify_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_ms = ?
          WHERE id = ? AND status = 'pending'`,
      )
      .run(outcome.error, outcome.retryAtMs, deliveryId);
  }

  nextDueMs(receivers: readonly string[]): number | null {
    if (receivers.length === 0) return null;
    const row = this.db
      .prepare(
        `SELECT min(next_attempt_ms) AS due FROM notify_deliveries
          WHERE status = 'pending' AND receiver IN (${receivers.map(() => "?").join(",")})`,
      )
      .get(...receivers) as { due: number | null };
    return row.due;
  }

  deliveries(receiver?: string): Delivery[] {
    const rows = (
      receiver === undefined
        ? this.db.prepare("SELECT * FROM notify_deliveries ORDER BY id").all()
        : this.db
            .prepare("SELECT * FROM notify_deliveries WHERE receiver = ? ORDER BY id")
            .all(receiver)
    ) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  purgeNotifications(beforeMs: number): number {
    return this.db
      .prepare(
        `DELETE FROM notify_findings WHERE closed_at_ms IS NOT NULL AND closed_at_ms < ?
           AND NOT EXISTS (SELECT 1 FROM notify_deliveries d
                            WHERE d.finding_id = notify_findings.id AND d.status = 'pending')`,
      )
      .run(beforeMs).changes;
  }
}
