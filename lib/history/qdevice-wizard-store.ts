import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import {
  applyWizardAction,
  wizardRunSchema,
  type ApplyResult,
  type ProbeAction,
  type WizardAction,
  type WizardRun,
} from "@/lib/surfaces/qdevice-setup-progress";

interface RunRow {
  id: string;
  cluster_id: string;
  flow: string;
  qnetd_host: string | null;
  started_by: string;
  started_at_ms: number;
  finished_by: string | null;
  finished_at_ms: number | null;
  probe_host: string | null;
  probe_reachable: number | null;
  probe_ms: number | null;
  probe_error: string | null;
  probe_by: string | null;
  probe_at_ms: number | null;
}

interface MarkRow {
  step: string;
  by: string;
  at_ms: number;
}

interface EventRow {
  at_ms: number;
  by: string;
  kind: string;
  step: string | null;
  detail: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (at: string) => Date.parse(at);

/**
 * The QDevice wizard's progress in the history database: the latest run per cluster is the one the
 * wizard resumes, whoever opens it. Every change is one IMMEDIATE transaction, so two admins
 * acting at once are applied one after the other.
 */
export class QdeviceWizardStore {
  constructor(
    private readonly db: Database.Database,
    private readonly newRunId: () => string = randomUUID,
  ) {}

  /** The cluster's latest run, or null before anyone started one. */
  current(clusterId: string): WizardRun | null {
    const row = this.db
      .prepare(
        "SELECT * FROM qdevice_wizard_runs WHERE cluster_id = ? ORDER BY started_at_ms DESC, rowid DESC LIMIT 1",
      )
      .get(clusterId) as RunRow | undefined;
    return row ? this.#load(row) : null;
  }

  /** Every run of the cluster, newest first. */
  runs(clusterId: string, limit = 20): WizardRun[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM qdevice_wizard_runs WHERE cluster_id = ? ORDER BY started_at_ms DESC, rowid DESC LIMIT ?",
      )
      .all(clusterId, limit) as RunRow[];
    return rows.map((row) => this.#load(row));
  }

  apply(
    clusterId: string,
    action: WizardAction | ProbeAction,
    actor: { by: string; at: string },
  ): ApplyResult {
    const write = this.db.transaction((): ApplyResult => {
      const before = this.current(clusterId);
      const result = applyWizardAction(before, action, actor, {
        clusterId,
        newRunId: this.newRunId,
      });
      if (!result.ok || result.run === before) return result;
      this.#save(before?.id === result.run.id ? before : null, result.run);
      return result;
    });
    return write.immediate();
  }

  #load(row: RunRow): WizardRun {
    const marks = this.db
      .prepare("SELECT step, by, at_ms FROM qdevice_wizard_marks WHERE run_id = ? ORDER BY at_ms")
      .all(row.id) as MarkRow[];
    const events = this.db
      .prepare(
        "SELECT at_ms, by, kind, step, detail FROM qdevice_wizard_events WHERE run_id = ? ORDER BY seq",
      )
      .all(row.id) as EventRow[];
    // Rows hold only what this module wrote; the schema check keeps a hand-edited row from
    // reaching the wizard as something it is not.
    return wizardRunSchema.parse({
      id: row.id,
      clusterId: row.cluster_id,
      flow: row.flow,
      qnetdHost: row.qnetd_host,
      started: { by: row.started_by, at: iso(row.started_at_ms) },
      finished:
        row.finished_by !== null && row.finished_at_ms !== null
          ? { by: row.finished_by, at: iso(row.finished_at_ms) }
          : null,
      probe:
        row.probe_host !== null && row.probe_by !== null && row.probe_at_ms !== null
          ? {
              host: row.probe_host,
              reachable: row.probe_reachable === 1,
              ms: row.probe_ms,
              error: row.probe_error,
              by: row.probe_by,
              at: iso(row.probe_at_ms),
            }
          : null,
      marks: marks.map((m) => ({ step: m.step, by: m.by, at: iso(m.at_ms) })),
      events: events.map((e) => ({
        at: iso(e.at_ms),
        by: e.by,
        kind: e.kind,
        step: e.step,
        detail: e.detail,
      })),
    });
  }

  #save(before: WizardRun | null, run: WizardRun): void {
    const probe = run.probe;
    const fields = {
      id: run.id,
      cluster_id: run.clusterId,
      flow: run.flow,
      qnetd_host: run.qnetdHost,
      started_by: run.started.by,
      started_at_ms: ms(run.started.at),
      finished_by: run.finished?.by ?? null,
      finished_at_ms: run.finished ? ms(run.finished.at) : null,
      probe_host: probe?.host ?? null,
      probe_reachable: probe ? (probe.reachable ? 1 : 0) : null,
      probe_ms: probe?.ms ?? null,
      probe_error: probe?.error ?? null,
      probe_by: probe?.by ?? null,
      probe_at_ms: probe ? ms(probe.at) : null,
    };
    if (before) {
      this.db
        .prepare(
          `UPDATE qdevice_wizard_runs SET qnetd_host = @qnetd_host, finished_by = @finished_by,
             finished_at_ms = @finished_at_ms, probe_host = @probe_host, probe_reachable = @probe_reachable,
             probe_ms = @probe_ms, probe_error = @probe_error, probe_by = @probe_by, probe_at_ms = @probe_at_ms
           WHERE id = @id`,
        )
        .run(fields);
    } else {
      this.db
        .prepare(
          `INSERT INTO qdevice_wizard_runs (id, cluster_id, flow, qnetd_host, started_by, started_at_ms,
             finished_by, finished_at_ms, probe_host, probe_reachable, probe_ms, probe_error, probe_by, probe_at_ms)
           VALUES (@id, @cluster_id, @flow, @qnetd_host, @started_by, @started_at_ms, @finished_by,
             @finished_at_ms, @probe_host, @probe_reachable, @probe_ms, @probe_error, @probe_by, @probe_at_ms)`,
        )
        .run(fields);
    }
    this.db.prepare("DELETE FROM qdevice_wizard_marks WHERE run_id = ?").run(run.id);
    const mark = this.db.prepare(
      "INSERT INTO qdevice_wizard_marks (run_id, step, by, at_ms) VALUES (?, ?, ?, ?)",
    );
    for (const m of run.marks) mark.run(run.id, m.step, m.by, ms(m.at));
    const event = this.db.prepare(
      "INSERT INTO qdevice_wizard_events (run_id, seq, at_ms, by, kind, step, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const known = before?.events.length ?? 0;
    run.events.slice(known).forEach((e, i) => {
      event.run(run.id, known + i, ms(e.at), e.by, e.kind, e.step, e.detail);
    });
  }
}
