import { z } from "zod";

/**
 * Where the status page keeps its history. Without `sqlitePath` history lives in memory and is
 * lost on restart; the page then shows the time before the restart as Unknown. With
 * `driver: "postgres"` it lives in PostgreSQL, which several dashboard instances can share.
 */
export const historySchema = z
  .strictObject({
    driver: z.enum(["sqlite", "postgres"]).default("sqlite"),
    /** A SQLite file, created with its folder's permissions; ":memory:" keeps nothing. */
    sqlitePath: z.string().min(1).default(":memory:"),
    /** PostgreSQL: a connection URL (postgres://user:password@host:5432/db) ... */
    url: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
      .optional(),
    /** ... or a file holding one, so the password stays out of the config. */
    urlFile: z.string().min(1).optional(),
    /** State changes, incidents and maintenance older than this are deleted once a day. */
    retentionDays: z.number().int().min(1).max(3_650).default(400),
    /** An incident opens once a component has been Degraded or Outage for this many intervals. */
    openAfterIntervals: z.number().int().min(1).max(1_000).default(3),
    /** An open incident resolves once the component has been Operational for this many intervals. */
    resolveAfterIntervals: z.number().int().min(1).max(1_000).default(5),
  })
  .refine((h) => h.driver !== "postgres" || Boolean(h.url) !== Boolean(h.urlFile), {
    message: 'with driver "postgres", set exactly one of url, urlFile',
    path: ["url"],
  })
  .default({
    driver: "sqlite",
    sqlitePath: ":memory:",
    retentionDays: 400,
    openAfterIntervals: 3,
    resolveAfterIntervals: 5,
  });

export type HistoryConfig = z.infer<typeof historySchema>;
