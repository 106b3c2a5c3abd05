import type { Severity } from "@/lib/health/types";
import type { ComponentId, Durations, StatusWord } from "@/lib/surfaces/public-status";

/** A word as recorded: what the findings said, before maintenance is laid over it; null = absent. */
export type RecordedWord = Exclude<StatusWord, "Maintenance"> | null;

export interface StateChange {
  clusterId: string;
  componentId: ComponentId;
  atMs: number;
  word: RecordedWord;
}

/** A stretch of time the recorder was running and hearing from the cluster's collector. */
export interface CoverageSegment {
  clusterId: string;
  startMs: number;
  endMs: number;
}

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_IMPACTS = ["degraded", "outage"] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export interface IncidentUpdate {
  id: number;
  incidentId: number;
  atMs: number;
  status: IncidentStatus;
  body: string;
}

export interface Incident {
  id: number;
  clusterId: string;
  /** The component it is about; null for an incident an admin opened about the whole cluster. */
  componentId: ComponentId | null;
  impact: IncidentImpact;
  status: IncidentStatus;
  title: string;
  startedAtMs: number;
  resolvedAtMs: number | null;
  /** Opened from findings (and resolved by them) rather than by an admin. */
  auto: boolean;
  postmortem: string | null;
  updates: IncidentUpdate[];
}

export interface NewIncident {
  clusterId: string;
  componentId: ComponentId | null;
  impact: IncidentImpact;
  title: string;
  atMs: number;
  auto: boolean;
  body: string;
}

export interface MaintenanceWindow {
  id: number;
  clusterId: string;
  /** The components it covers; null covers every component of the cluster. */
  componentIds: ComponentId[] | null;
  title: string;
  body: string;
  startsAtMs: number;
  endsAtMs: number;
  createdAtMs: number;
}

export type NewMaintenance = Omit<MaintenanceWindow, "id">;

/** Milliseconds spent in each word, plus time with no data at all (before recording began). */
export type WordDurations = Durations;

export interface DaySummary {
  clusterId: string;
  componentId: ComponentId;
  /** A UTC day, YYYY-MM-DD. */
  day: string;
  ms: WordDurations;
}

export interface PurgeResult {
  changes: number;
  coverage: number;
  incidents: number;
  maintenance: number;
  days: number;
}

export type FindingTransition = "open" | "close";
export type DeliveryStatus = "pending" | "sent" | "failed";

/** A finding as announced to the notification receivers: open until `closedAtMs`. */
export interface TrackedFinding {
  id: number;
  clusterId: string;
  /** rule, subject and severity: a finding whose severity changes closes and opens anew. */
  key: string;
  rule: string;
  severity: Severity;
  subject: string;
  title: string;
  detail: string;
  remedy: string;
  openedAtMs: number;
  closedAtMs: number | null;
}

export type NewTrackedFinding = Omit<TrackedFinding, "id" | "closedAtMs">;

/** One notification to one receiver: a finding's opening or its closing. */
export interface Delivery {
  id: number;
  receiver: string;
  findingId: number;
  transition: FindingTransition;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptMs: number;
  lastError: string | null;
  sentAtMs: number | null;
}

export interface DueDelivery extends Delivery {
  finding: TrackedFinding;
}

/** One attempt's result; a failure without `retryAtMs` gives the delivery up as failed. */
export type DeliveryOutcome =
  { ok: true; atMs: number } | { ok: false; atMs: number; error: string; retryAtMs: number | null };

/**
 * Everything the status page keeps. The SQLite store implements it; another database can by
 * implementing the same methods. Times are epoch milliseconds.
 */
export interface HistoryStore {
  /** Runs `fn` as one transaction: all of its writes are committed together or not at all. */
  transaction<T>(fn: () => T): T;
  /**
   * Marks `atMs` as recorded for the cluster. Starts a new segment when `fresh` (a recorder that
   * has just started) or when the last heartbeat is more than `maxGapMs` old; returns whether it did.
   */
  heartbeat(clusterId: string, atMs: number, maxGapMs: number, fresh: boolean): boolean;
  recordChanges(changes: readonly StateChange[]): void;
  /** Changes with atMs in [fromMs, toMs), plus the last change before fromMs for each component. */
  changes(clusterId: string, fromMs: number, toMs: number): StateChange[];
  coverage(clusterId: string, fromMs: number, toMs: number): CoverageSegment[];
  /** The first moment ever recorded for the cluster (after retention), or null. */
  firstRecordedMs(clusterId: string): number | null;

  openIncident(incident: NewIncident): Incident;
  addIncidentUpdate(
    incidentId: number,
    update: { atMs: number; status: IncidentStatus; body: string },
  ): Incident | null;
  /** Resolves an incident as of `clearSinceMs`, the moment its component became clear. */
  resolveIncident(incidentId: number, clearSinceMs: number, atMs: number, body: string): void;
  editIncident(
    incidentId: number,
    patch: { title?: string; postmortem?: string | null; impact?: IncidentImpact },
  ): Incident | null;
  incident(incidentId: number): Incident | null;
  /** Incidents of these clusters still open, or resolved at or after `sinceMs`, newest first. */
  incidents(clusterIds: readonly string[], sinceMs: number): Incident[];
  openIncidents(clusterId: string): Incident[];

  scheduleMaintenance(window: NewMaintenance): MaintenanceWindow;
  cancelMaintenance(id: number): boolean;
  maintenanceWindow(id: number): MaintenanceWindow | null;
  /** Windows of these clusters that overlap [fromMs, toMs). */
  maintenance(clusterIds: readonly string[], fromMs: number, toMs: number): MaintenanceWindow[];

  /** Per-day durations for the UTC days in [fromDay, toDay], closed days kept once computed. */
  dailySummaries(
    clusterId: string,
    componentId: ComponentId,
    days: readonly string[],
    nowMs: number,
  ): DaySummary[];
  /** Time in each word over [fromMs, toMs), with maintenance laid over it. */
  durations(
    clusterId: string,
    componentId: ComponentId,
    fromMs: number,
    toMs: number,
  ): WordDurations;

  /** Findings announced as open and not closed since; of every cluster when `clusterId` is omitted. */
  openFindings(clusterId?: string): TrackedFinding[];
  /** Open findings that were queued for `receiver`, oldest first. */
  openFindingsFor(receiver: string): TrackedFinding[];
  /** Records a finding as open and queues its opening for each receiver, due at once. */
  openFinding(finding: NewTrackedFinding, receivers: readonly string[]): TrackedFinding;
  /** Records a finding as closed and queues its closing for every receiver its opening went to. */
  closeFinding(findingId: number, atMs: number): void;
  /**
   * Takes the receiver's oldest delivery due at `nowMs` for `leaseMs`: it is not due again before
   * then, so two dispatchers never send it at once. A closing waits until its opening is settled.
   */
  claimDelivery(receiver: string, nowMs: number, leaseMs: number): DueDelivery | null;
  recordAttempt(deliveryId: number, outcome: DeliveryOutcome): void;
  /** The earliest moment a pending delivery of these receivers is due, or null. */
  nextDueMs(receivers: readonly string[]): number | null;
  /** Every delivery, oldest first; of one receiver when given. */
  deliveries(receiver?: string): Delivery[];
  /** Deletes findings closed before `beforeMs` with no delivery pending; returns how many. */
  purgeNotifications(beforeMs: number): number;

  /** Deletes everything that ended before `beforeMs`; open incidents are kept. */
  purge(beforeMs: number): PurgeResult;
  close(): void;
}
