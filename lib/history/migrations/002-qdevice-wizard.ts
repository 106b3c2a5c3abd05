/** The QDevice wizard's progress: one row per run, its admin marks, and who did what when. */
export const sql = /* sql */ `
CREATE TABLE qdevice_wizard_runs (
  id TEXT PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  flow TEXT NOT NULL CHECK (flow IN ('setup', 'remove')),
  qnetd_host TEXT,
  started_by TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  finished_by TEXT,
  finished_at_ms INTEGER,
  probe_host TEXT,
  probe_reachable INTEGER,
  probe_ms INTEGER,
  probe_error TEXT,
  probe_by TEXT,
  probe_at_ms INTEGER
);
CREATE INDEX qdevice_wizard_runs_by_cluster ON qdevice_wizard_runs (cluster_id, started_at_ms);

CREATE TABLE qdevice_wizard_marks (
  run_id TEXT NOT NULL REFERENCES qdevice_wizard_runs (id) ON DELETE CASCADE,
  step TEXT NOT NULL,
  by TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (run_id, step)
) WITHOUT ROWID;

CREATE TABLE qdevice_wizard_events (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES qdevice_wizard_runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  by TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('start', 'host', 'mark', 'unmark', 'probe', 'finish')),
  step TEXT,
  detail TEXT,
  UNIQUE (run_id, seq)
);
`;
