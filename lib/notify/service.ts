import "server-only";
import type { ResolvedNotifications } from "@/lib/config/notify-schema";
import { FindingOutbox } from "@/lib/history/finding-outbox";
import type { HistoryService } from "@/lib/history/service";
import { DAY_MS } from "@/lib/history/uptime";
import { NotificationDispatcher } from "./dispatcher";
import { routeFinding } from "./route";

/** Closed findings and their delivery records are purged at start and then this often. */
const PURGE_EVERY_MS = 6 * 3_600_000;

// One dispatcher per server process; kept on globalThis so dev-mode reloads do not start a second.
const holder = globalThis as typeof globalThis & {
  __tiebreakerNotifications?: NotificationDispatcher;
};

/**
 * Queues a notification for every finding that opens or closes in the recorded views, and sends
 * them from the history database in the background. Does nothing without receivers.
 */
export function startNotifications(
  config: ResolvedNotifications,
  clusters: readonly { id: string; name?: string | undefined }[],
  history: HistoryService,
): NotificationDispatcher | null {
  if (config.receivers.length === 0) return null;
  if (holder.__tiebreakerNotifications) return holder.__tiebreakerNotifications;
  const { store, recorder } = history;
  const dispatcher = new NotificationDispatcher({
    store,
    config,
    clusterNames: new Map(clusters.map((c) => [c.id, c.name])),
  });
  recorder.notifyWith(
    new FindingOutbox(store, {
      route: routeFinding(config.receivers),
      openAfterIntervals: config.openAfterIntervals,
      resolveAfterIntervals: config.resolveAfterIntervals,
      onQueued: () => dispatcher.kick(),
    }),
  );
  const purge = () => {
    try {
      store.purgeNotifications(Date.now() - history.config.retentionDays * DAY_MS);
    } catch (err) {
      console.error(`[tiebreaker] notifications: purge failed: ${String(err)}`);
    }
  };
  purge();
  setInterval(purge, PURGE_EVERY_MS).unref();
  dispatcher.start();
  holder.__tiebreakerNotifications = dispatcher;
  const list = config.receivers.map((r) => `${r.name} (${r.type})`).join(", ");
  console.log(`[tiebreaker] notifications to ${list}`);
  if (history.config.sqlitePath === ":memory:")
    console.log(
      "[tiebreaker] notifications: delivery state is in memory; set history.sqlitePath so a restart does not repeat or lose one",
    );
  return dispatcher;
}
