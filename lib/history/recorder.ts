import type { EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import {
  COMPONENT_IDS,
  componentName,
  toPublicStatus,
  type ComponentId,
} from "@/lib/surfaces/public-status";
import { heardFromEverySource, type FindingOutbox } from "./finding-outbox";
import { debounceRule, INITIAL_TRACK, track, type TrackState } from "./incident-rule";
import type { HistoryStore, RecordedWord, StateChange } from "./types";

/** What the recorder needs of a collector: its id and interval, and its stream of views. */
export interface RecordableCollector {
  config: { id: string; intervalMs: number };
  onUpdate(listener: (view: EvaluatedCluster) => void): () => void;
}

export interface RecorderOptions {
  openAfterIntervals: number;
  resolveAfterIntervals: number;
  now?: () => number;
  /** Where a failed write is reported; recording carries on with the next view. */
  onError?: (err: unknown) => void;
}

interface ClusterMemory {
  intervalMs: number;
  /** The words as last recorded in the current segment; empty after a gap. */
  words: Map<ComponentId, RecordedWord>;
  tracks: Map<ComponentId, TrackState>;
  lastHeartbeatMs: number | null;
  fresh: boolean;
}

/** The words a view gives each present component; absent ones are left out. */
export function componentWords(view: EvaluatedCluster): Map<ComponentId, RecordedWord> {
  const words = new Map<ComponentId, RecordedWord>();
  for (const c of toPublicStatus(view).components)
    words.set(c.id, c.status === "Maintenance" ? "Unknown" : c.status);
  return words;
}

export function incidentTitle(componentId: ComponentId, impact: "degraded" | "outage"): string {
  return `${impact === "outage" ? "Outage" : "Degraded service"}: ${componentName(componentId)}`;
}

const OPENED_BODY = "Tiebreaker detected a problem and is watching it.";
const ESCALATED_BODY = "The problem has grown into an outage.";
const RESOLVED_BODY = "The service has recovered.";

/**
 * Writes what every collector view says into the history store: a heartbeat so that covered time
 * can be told from gaps, a state change when a component's word changes, and incidents opened and
 * resolved by the debounce rule. Runs on every view, whether or not anyone has a page open.
 */
export class HistoryRecorder {
  private readonly clusters = new Map<string, ClusterMemory>();
  private readonly detach = new Map<string, () => void>();
  private readonly now: () => number;
  private outbox: FindingOutbox | null = null;

  constructor(
    private readonly store: HistoryStore,
    private readonly options: RecorderOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Subscribes to a collector once; attaching the same cluster again changes nothing. */
  attach(collector: RecordableCollector): void {
    if (this.detach.has(collector.config.id)) return;
    const off = collector.onUpdate((view) => {
      const atMs = this.now();
      const { id, intervalMs } = collector.config;
      try {
        this.observe(id, intervalMs, componentWords(view), atMs);
      } catch (err) {
        (this.options.onError ?? console.error)(err);
      }
      try {
        this.outbox?.observe(
          id,
          intervalMs,
          view.findings,
          atMs,
          heardFromEverySource(view.snapshot),
        );
      } catch (err) {
        (this.options.onError ?? console.error)(err);
      }
    });
    this.detach.set(collector.config.id, off);
  }

  /** From now on, findings that open or close in the views are queued in this outbox too. */
  notifyWith(outbox: FindingOutbox): void {
    this.outbox = outbox;
  }

  stop(): void {
    for (const off of this.detach.values()) off();
    this.detach.clear();
  }

  private memory(clusterId: string, intervalMs: number): ClusterMemory {
    let memory = this.clusters.get(clusterId);
    if (!memory) {
      // Incidents left open by a previous run carry on: their components are tracked again.
      const tracks = new Map<ComponentId, TrackState>();
      for (const incident of this.store.openIncidents(clusterId)) {
        if (!incident.auto || incident.componentId === null) continue;
        tracks.set(incident.componentId, {
          ...INITIAL_TRACK,
          incident: { id: incident.id, impact: incident.impact },
        });
      }
      memory = { intervalMs, words: new Map(), tracks, lastHeartbeatMs: null, fresh: true };
      this.clusters.set(clusterId, memory);
    }
    memory.intervalMs = intervalMs;
    return memory;
  }

  /** One view's words at `atMs`; every write it causes is committed in one transaction. */
  observe(
    clusterId: string,
    intervalMs: number,
    words: ReadonlyMap<ComponentId, RecordedWord>,
    atMs: number,
  ): StateChange[] {
    const memory = this.memory(clusterId, intervalMs);
    const maxGapMs = 3 * intervalMs;
    return this.store.transaction(() => {
      const changes: StateChange[] = [];
      const due =
        memory.fresh ||
        memory.lastHeartbeatMs === null ||
        atMs - memory.lastHeartbeatMs >= intervalMs / 2;
      const pending = COMPONENT_IDS.filter((id) => {
        const word = words.has(id) ? words.get(id)! : null;
        return memory.words.has(id) ? memory.words.get(id) !== word : word !== null;
      });
      if (due || pending.length > 0) {
        if (this.store.heartbeat(clusterId, atMs, maxGapMs, memory.fresh)) memory.words.clear();
        memory.fresh = false;
        memory.lastHeartbeatMs = atMs;
      }
      for (const id of COMPONENT_IDS) {
        const word = words.has(id) ? words.get(id)! : null;
        const known = memory.words.has(id);
        if (known ? memory.words.get(id) === word : word === null) continue;
        changes.push({ clusterId, componentId: id, atMs, word });
        memory.words.set(id, word);
      }
      this.store.recordChanges(changes);
      this.trackIncidents(clusterId, memory, words, atMs);
      return changes;
    });
  }

  private trackIncidents(
    clusterId: string,
    memory: ClusterMemory,
    words: ReadonlyMap<ComponentId, RecordedWord>,
    atMs: number,
  ): void {
    const rule = debounceRule(
      memory.intervalMs,
      this.options.openAfterIntervals,
      this.options.resolveAfterIntervals,
    );
    const windows = this.store.maintenance([clusterId], atMs, atMs + 1);
    const open = new Map(
      this.store.openIncidents(clusterId).map((incident) => [incident.id, incident]),
    );
    for (const id of COMPONENT_IDS) {
      const word = words.has(id) ? words.get(id)! : null;
      let previous = memory.tracks.get(id) ?? INITIAL_TRACK;
      if (word === null && previous === INITIAL_TRACK) continue;
      // An admin resolved it by hand: no new incident until the component has been clear.
      if (previous.incident && !open.has(previous.incident.id))
        previous = { ...previous, incident: null, awaitClear: true };
      const inMaintenance = windows.some(
        (w) => w.componentIds === null || w.componentIds.includes(id),
      );
      const { state, action } = track(previous, { atMs, word, inMaintenance }, rule);
      if (action?.kind === "open") {
        const incident = this.store.openIncident({
          clusterId,
          componentId: id,
          impact: action.impact,
          title: incidentTitle(id, action.impact),
          atMs: action.sinceMs,
          auto: true,
          body: OPENED_BODY,
        });
        state.incident = { id: incident.id, impact: action.impact };
      } else if (action?.kind === "escalate" && previous.incident) {
        const incident = open.get(previous.incident.id);
        this.store.editIncident(previous.incident.id, {
          impact: "outage",
          // A title an admin wrote is kept; the generated one follows the impact.
          ...(incident?.title === incidentTitle(id, "degraded")
            ? { title: incidentTitle(id, "outage") }
            : {}),
        });
        this.store.addIncidentUpdate(previous.incident.id, {
          atMs,
          status: incident?.status ?? "investigating",
          body: ESCALATED_BODY,
        });
      } else if (action?.kind === "resolve" && previous.incident) {
        this.store.resolveIncident(previous.incident.id, action.clearSinceMs, atMs, RESOLVED_BODY);
      }
      memory.tracks.set(id, state);
    }
  }
}
