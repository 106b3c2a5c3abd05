import "server-only";
import { getWizardStore } from "@/lib/setup/wizard-store";
import { toOverviewModel, type OverviewModel } from "@/lib/surfaces/overview";
import {
  toQdeviceSetupModel,
  type QdeviceSetupModel,
  type WizardInputs,
} from "@/lib/surfaces/qdevice-setup";
import { toWallModel, type WallModel } from "@/lib/surfaces/wall";
import type { ClusterCollector, ClusterView } from "./cluster-collector";
import { getCollector } from "./registry";

/** A surface's answer, or "pending" before the collector's first view of that cluster. */
export type SurfaceResponse<T> = { pending: true; clusterId: string } | ({ pending?: false } & T);

/** How long a server render waits for the first view of a cluster that has just started polling. */
const FIRST_VIEW_WAIT_MS = 3_000;

/** The latest view, or the first one if it arrives within `waitMs`; never calls upstream itself. */
export function latestView(
  collector: ClusterCollector,
  waitMs: number,
): Promise<ClusterView | null> {
  const current = collector.current();
  if (current || waitMs <= 0) return Promise.resolve(current);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(collector.current());
    }, waitMs);
    const off = collector.onUpdate((view) => {
      clearTimeout(timer);
      off();
      resolve(view);
    });
  });
}

function respond<T extends object>(
  collector: ClusterCollector,
  view: ClusterView | null,
  build: (view: ClusterView, name: string | null) => T,
): SurfaceResponse<T> {
  if (!view) return { pending: true, clusterId: collector.config.id };
  return { pending: false, ...build(view, collector.config.name ?? null) };
}

// A view never changes once built, and the overview and wall models depend on nothing else, so
// every viewer polling between two views shares one build instead of re-running it per request.
const built = new WeakMap<ClusterView, { overview?: OverviewModel; wall?: WallModel }>();

function memo(view: ClusterView) {
  let entry = built.get(view);
  if (!entry) built.set(view, (entry = {}));
  return entry;
}

export function overviewResponse(
  collector: ClusterCollector,
  view: ClusterView | null,
): SurfaceResponse<OverviewModel> {
  return respond(collector, view, (v, name) => (memo(v).overview ??= toOverviewModel(v, name)));
}

export function wallResponse(
  collector: ClusterCollector,
  view: ClusterView | null,
): SurfaceResponse<WallModel> {
  return respond(collector, view, (v, name) => (memo(v).wall ??= toWallModel(v, name)));
}

/** For a server render's first paint: waits briefly for the first view; unknown cluster → null. */
export async function prefetchOverview(
  clusterId: string | null,
): Promise<SurfaceResponse<OverviewModel> | null> {
  const collector = getCollector(clusterId);
  if (!collector) return null;
  return overviewResponse(collector, await latestView(collector, FIRST_VIEW_WAIT_MS));
}

/** The wall's first paint: waits briefly for the first view; unknown cluster → null. */
export async function prefetchWall(clusterId: string): Promise<SurfaceResponse<WallModel> | null> {
  const collector = getCollector(clusterId);
  if (!collector) return null;
  return wallResponse(collector, await latestView(collector, FIRST_VIEW_WAIT_MS));
}

export function qdeviceSetupResponse(
  collector: ClusterCollector,
  view: ClusterView | null,
  inputs: WizardInputs,
): SurfaceResponse<QdeviceSetupModel> {
  return respond(collector, view, (v, name) => toQdeviceSetupModel(v, name, inputs));
}

/** The QDevice wizard's first paint, with the cluster's stored run; unknown cluster → null. */
export async function prefetchQdeviceSetup(
  clusterId: string | null,
  flow: WizardInputs["flow"],
): Promise<SurfaceResponse<QdeviceSetupModel> | null> {
  const collector = getCollector(clusterId);
  if (!collector) return null;
  const run = getWizardStore().current(collector.config.id);
  return qdeviceSetupResponse(collector, await latestView(collector, FIRST_VIEW_WAIT_MS), {
    run,
    flow,
  });
}
