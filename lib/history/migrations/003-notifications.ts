/**
 * The notification outbox: findings announced as open (and when they closed), and one delivery
 * per receiver and transition with its attempts, so that a restart neither repeats nor loses one.
 */
export const sql = /* sql */ `
CREATE TABLE notify_findings (
  id INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL,
  finding_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  subject TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  remedy TEXT NOT NULL,
  opened_at_ms INTEGER NOT NULL,
  closed_at_ms INTEGER,
  CHECK (closed_at_ms IS NULL OR closed_at_ms >= opened_at_ms)
);
CREATE UNIQUE INDEX notify_findings_open ON notify_findings (cluster_id, finding_key)
  WHERE closed_at_ms IS NULL;
CREATE INDEX notify_findings_closed ON notify_findings (closed_at_ms);

CREATE TABLE notify_deliveries (
  id INTEGER PRIMARY KEY,
  receiver TEXT NOT NULL,
  finding_id INTEGER NOT NULL REFERENCES notify_findings (id) ON DELETE CASCADE,
  transition TEXT NOT NULL CHECK (transition IN ('open', 'close')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL,
  last_error TEXT,
  sent_at_ms INTEGER,
  created_at_ms INTEGER NOT NULL,
  UNIQUE (receiver, finding_id, transition)
);
CREATE INDEX notify_deliveries_due ON notify_deliveries (receiver, status, next_attempt_ms);
CREATE INDEX notify_deliveries_by_finding ON notify_deliveries (finding_id);
`;
