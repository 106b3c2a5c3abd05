import { z } from "zod";

/**
 * Where the status page keeps its history. Without `sqlitePath` history lives in memory and is
 * lost on restart; the page then shows the time before the restart as Unknown.
 */
export const historySchema = z
  .strictObject({
    /** A SQLite file, created with its folder's permissions; ":memory:" keeps nothing. */
    sqlitePath: z.string().min(1).default(":memory:"),
    /** State changes, incidents and maintenance older than this are deleted once a day. */
    retentionDays: z.number().int().min(1).max(3_650).default(400),
    /** An incident opens once a component has been Degraded or Outage for this many intervals. */
    openAfterIntervals: z.number().int().min(1).max(1_000).default(3),
    /** An open incident resolves once the component has been Operational for this many intervals. */
    resolveAfterIntervals: z.number().int().min(1).max(1_000).default(5),
  })
  .default({
    sqlitePath: ":memory:",
    retentionDays: 400,
    openAfterIntervals: 3,
    resolveAfterIntervals: 5,
  });

export type HistoryConfig = z.infer<typeof historySchema>;
