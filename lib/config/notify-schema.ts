import { z } from "zod";

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

const common = {
  /** Names the receiver in logs and in the delivery records; changing it starts a new record. */
  name: z.string().regex(NAME, "lowercase letters, digits and dashes"),
  url: z.url({ protocol: /^https?$/ }),
  /** Findings below this severity are not sent; `unknown` counts as `warning`. */
  minSeverity: z.enum(["info", "warning", "critical"]).default("warning"),
  /** Cluster ids whose findings go to this receiver; "*" for every cluster. */
  clusters: z.union([z.literal("*"), z.array(z.string().min(1)).min(1)]).default("*"),
  /** Overrides `notifications.timeoutMs` for this receiver. */
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
};

const alertmanagerReceiver = z.strictObject({
  type: z.literal("alertmanager"),
  ...common,
  /** Sent as `Authorization: Bearer …` when Alertmanager sits behind an authenticating proxy. */
  bearerTokenFile: z.string().min(1).optional(),
  /** Added to every alert's labels, for routing in Alertmanager (for example a team). */
  labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string()).default({}),
});

const webhookReceiver = z.strictObject({
  type: z.literal("webhook"),
  ...common,
  /** Signs each body with HMAC-SHA256 (header X-Tiebreaker-Signature). */
  secretFile: z.string().min(1).optional(),
});

const ntfyReceiver = z.strictObject({
  type: z.literal("ntfy"),
  ...common,
  /** An ntfy access token (tk_…), sent as `Authorization: Bearer …`. */
  tokenFile: z.string().min(1).optional(),
});

const gatusReceiver = z.strictObject({
  type: z.literal("gatus"),
  ...common,
  /** The external endpoint's key: `<group>_<name>` as Gatus forms it. */
  key: z.string().regex(/^[^/?#\s]+$/, "a Gatus endpoint key such as proxmox_tiebreaker"),
  /** The endpoint's `token` from Gatus's config. */
  tokenFile: z.string().min(1),
});

export const receiverSchema = z.discriminatedUnion("type", [
  alertmanagerReceiver,
  webhookReceiver,
  ntfyReceiver,
  gatusReceiver,
]);

/**
 * Where findings that open or close are sent. Delivery state is kept in the history database
 * (`history.sqlitePath`), so a restart neither loses nor repeats a notification.
 */
export const notificationsSchema = z
  .strictObject({
    /** The dashboard's address as receivers reach it; links in notifications point there. */
    dashboardUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** A finding is announced once it has been present for this many of its cluster's intervals. */
    openAfterIntervals: z.number().int().min(0).max(1_000).default(2),
    /** A finding is announced as closed once it has been absent for this many intervals. */
    resolveAfterIntervals: z.number().int().min(0).max(1_000).default(2),
    /** Each attempt is abandoned after this long, so a hung receiver holds up nothing else. */
    timeoutMs: z.number().int().min(100).max(120_000).default(5_000),
    retry: z
      .strictObject({
        /** The wait after the first failure; it doubles with each further failure. */
        initialDelayMs: z.number().int().min(10).max(3_600_000).default(5_000),
        maxDelayMs: z.number().int().min(10).max(86_400_000).default(600_000),
        /** After this many failed attempts the delivery is marked failed and not tried again. */
        maxAttempts: z.number().int().min(1).max(1_000).default(12),
      })
      .default({ initialDelayMs: 5_000, maxDelayMs: 600_000, maxAttempts: 12 }),
    /** Alertmanager and Gatus are told the current state again this often (their alerts expire). */
    refreshMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
    receivers: z.array(receiverSchema).default([]),
  })
  .default({
    openAfterIntervals: 2,
    resolveAfterIntervals: 2,
    timeoutMs: 5_000,
    retry: { initialDelayMs: 5_000, maxDelayMs: 600_000, maxAttempts: 12 },
    refreshMs: 60_000,
    receivers: [],
  });

export type NotificationsConfig = z.infer<typeof notificationsSchema>;
export type ReceiverConfig = z.infer<typeof receiverSchema>;

type SecretFileKey = "bearerTokenFile" | "secretFile" | "tokenFile";
type WithoutSecretFile<T> = T extends unknown ? Omit<T, SecretFileKey> : never;

/** A receiver with its secret read from its file; the secret never leaves the server. */
export type ResolvedReceiver = WithoutSecretFile<ReceiverConfig> & {
  timeoutMs: number;
  /** The bearer token (Alertmanager, ntfy, Gatus) or the HMAC key (webhook); null when unset. */
  secret: string | null;
};

export interface ResolvedNotifications extends Omit<NotificationsConfig, "receivers"> {
  receivers: ResolvedReceiver[];
}

/** The receiver without its secret file, and where its secret is read from. */
function split(receiver: ReceiverConfig): {
  plain: WithoutSecretFile<ReceiverConfig>;
  source: { key: SecretFileKey; file: string } | null;
} {
  switch (receiver.type) {
    case "alertmanager": {
      const { bearerTokenFile, ...plain } = receiver;
      return {
        plain,
        source: bearerTokenFile ? { key: "bearerTokenFile", file: bearerTokenFile } : null,
      };
    }
    case "webhook": {
      const { secretFile, ...plain } = receiver;
      return { plain, source: secretFile ? { key: "secretFile", file: secretFile } : null };
    }
    case "ntfy": {
      const { tokenFile, ...plain } = receiver;
      return { plain, source: tokenFile ? { key: "tokenFile", file: tokenFile } : null };
    }
    case "gatus": {
      const { tokenFile, ...plain } = receiver;
      return { plain, source: { key: "tokenFile", file: tokenFile } };
    }
  }
}

/**
 * Checks receiver names and clusters and reads each secret file with `readSecret` (which throws a
 * field-named error); other errors come back naming the offending field.
 */
export function resolveNotifications(
  config: NotificationsConfig,
  clusterIds: ReadonlySet<string>,
  readSecret: (file: string, field: string) => string,
): { ok: true; value: ResolvedNotifications } | { ok: false; field: string; message: string } {
  const names = new Set<string>();
  const receivers: ResolvedReceiver[] = [];
  for (const [i, receiver] of config.receivers.entries()) {
    const at = `notifications.receivers.${i}`;
    if (names.has(receiver.name))
      return { ok: false, field: `${at}.name`, message: `"${receiver.name}" is used twice` };
    names.add(receiver.name);
    const missing =
      receiver.clusters === "*" ? undefined : receiver.clusters.find((id) => !clusterIds.has(id));
    if (missing !== undefined)
      return { ok: false, field: `${at}.clusters`, message: `no cluster "${missing}"` };
    const { plain, source } = split(receiver);
    const secret = source ? readSecret(source.file, `${at}.${source.key}`) : null;
    receivers.push({ ...plain, timeoutMs: receiver.timeoutMs ?? config.timeoutMs, secret });
  }
  return { ok: true, value: { ...config, receivers } };
}
