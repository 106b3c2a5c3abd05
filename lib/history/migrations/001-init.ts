/** The first schema: coverage, state changes, daily summaries, incidents and maintenance. */
export const sql = /* sql */ `
CREATE TABLE coverage (
  id INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  CHECK (end_ms >= start_ms)
);
CREATE INDEX coverage_by_cluster ON coverage (cluster_id, end_ms);

CREATE TABLE state_changes (
  id INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  component_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  word TEXT CHECK (word IN ('Operational', 'Degraded', 'Outage', 'Unknown'))
);
CREATE INDEX state_changes_by_component ON state_changes (cluster_id, component_id, at_ms);

CREATE TABLE daily_summaries (
  cluster_id TEXT NOT NULL,
  component_id TEXT NOT NULL,
  day TEXT NOT NULL,
  operational_ms INTEGER NOT NULL,
  degraded_ms INTEGER NOT NULL,
  outage_ms INTEGER NOT NULL,
  unknown_ms INTEGER NOT NULL,
  maintenance_ms INTEGER NOT NULL,
  no_data_ms INTEGER NOT NULL,
  PRIMARY KEY (cluster_id, component_id, day)
) WITHOUT ROWID;

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  component_id TEXT,
  impact TEXT NOT NULL CHECK (impact IN ('degraded', 'outage')),
  status TEXT NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
  title TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  resolved_at_ms INTEGER,
  auto INTEGER NOT NULL,
  postmortem TEXT
);
CREATE INDEX incidents_by_cluster ON incidents (cluster_id, resolved_at_ms);

CREATE TABLE incident_updates (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  at_ms INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
  body TEXT NOT NULL
);
CREATE INDEX incident_updates_by_incident ON incident_updates (incident_id, at_ms);

CREATE TABLE maintenance_windows (
  id INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  component_ids TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  starts_at_ms INTEGER NOT NULL,
  ends_at_ms INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  CHECK (ends_at_ms > starts_at_ms)
);
CREATE INDEX maintenance_by_cluster ON maintenance_windows (cluster_id, ends_at_ms);
`;
