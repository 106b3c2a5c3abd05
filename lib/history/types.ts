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

  /** Deletes everything that ended before `beforeMs`; open incidents are kept. */
  purge(beforeMs: number): PurgeResult;
  close(): void;
}
