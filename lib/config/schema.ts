import { z } from "zod";
import { accessSchema, allowedHostsSchema, cidrSchema } from "./access-schema";
import { adminsSchema } from "./admin-schema";
import { displayKeysSchema } from "./display-schema";
import { historySchema } from "./history-schema";
import { notificationsSchema } from "./notify-schema";
import { statusPagesSchema } from "./status-schema";

const FINGERPRINT = /^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/;

const nodeHint = z.strictObject({
  name: z.string().min(1),
  nodeId: z.number().int().positive().optional(),
  ip: z.string().min(1).optional(),
  /** Overrides the URL template for this node's agent. */
  agentUrl: z.url().optional(),
});

const proxmoxSchema = z
  .strictObject({
    /** One or more nodes' API addresses; the first that answers is used for a poll. */
    urls: z.array(z.url({ protocol: /^https?$/ })).min(1),
    tokenId: z.string().regex(/^[^@\s]+@[^!\s]+![\w.-]+$/, "must look like USER@REALM!TOKENID"),
    tokenSecret: z.string().min(1).optional(),
    tokenSecretFile: z.string().min(1).optional(),
    tokenSecretEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional(),
    caFile: z.string().min(1).optional(),
    fingerprint: z
      .string()
      .regex(FINGERPRINT, "must be a SHA-256 fingerprint as AA:BB:...")
      .optional(),
    timeoutMs: z.number().int().min(500).max(60_000).default(5_000),
    concurrency: z.number().int().min(1).max(8).default(3),
  })
  .refine(
    (p) => [p.tokenSecret, p.tokenSecretFile, p.tokenSecretEnv].filter(Boolean).length === 1,
    {
      message: "set exactly one of tokenSecret, tokenSecretFile, tokenSecretEnv",
      path: ["tokenSecret"],
    },
  )
  .refine((p) => !(p.caFile && p.fingerprint), {
    message: "set caFile or fingerprint, not both",
    path: ["fingerprint"],
  });

const agentsSchema = z
  .strictObject({
    /** {name}, {ip} and {nodeid} are replaced per node. */
    urlTemplate: z.string().min(1).default("http://{ip}:9495"),
    tokenFile: z.string().min(1).optional(),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional(),
    timeoutMs: z.number().int().min(200).max(30_000).default(3_000),
  })
  .refine((a) => Boolean(a.tokenFile) !== Boolean(a.tokenEnv), {
    message: "set exactly one of tokenFile, tokenEnv",
    path: ["tokenFile"],
  });

const linstorSchema = z
  .strictObject({
    /** false: never ask a LINSTOR controller, even when storage.cfg names one. */
    enabled: z.boolean().default(true),
    /** The controller's REST URLs, tried in order; without them, storage.cfg's `controller` (port 3370). */
    urls: z
      .array(z.url({ protocol: /^https?$/ }))
      .min(1)
      .optional(),
    caFile: z.string().min(1).optional(),
    clientCertFile: z.string().min(1).optional(),
    clientKeyFile: z.string().min(1).optional(),
    /** A bearer token for a controller behind an authenticating proxy. */
    tokenFile: z.string().min(1).optional(),
    timeoutMs: z.number().int().min(200).max(30_000).default(3_000),
  })
  .refine((l) => Boolean(l.clientCertFile) === Boolean(l.clientKeyFile), {
    message: "set both clientCertFile and clientKeyFile, or neither",
    path: ["clientCertFile"],
  });

export const clusterConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes"),
  name: z.string().min(1).optional(),
  proxmox: proxmoxSchema,
  agents: agentsSchema.optional(),
  /** The LINSTOR controller; asked when set, or when storage.cfg names one. */
  linstor: linstorSchema.optional(),
  nodes: z.array(nodeHint).default([]),
  /** Networks an agent address reported by the cluster (not configured here) must lie in. */
  agentNetworks: z.array(cidrSchema).default([]),
  intervalMs: z.number().int().min(500).max(300_000).default(5_000),
});

export const thresholdsSchema = z.strictObject({
  clockSkewMs: z.number().positive().optional(),
  storageWarnRatio: z.number().gt(0).lt(1).optional(),
  storageCritRatio: z.number().gt(0).lte(1).optional(),
  staleIntervals: z.number().int().min(1).max(100).optional(),
  linkLatencyMs: z.number().positive().max(10_000).optional(),
});

export const dashboardConfigSchema = z.strictObject({
  clusters: z.array(clusterConfigSchema).min(1),
  thresholds: thresholdsSchema.default({}),
  /** Who may use the admin pages; none by default, so the dashboard stays read-only. */
  admins: adminsSchema,
  /** Who may read the admin pages: sign-in by default, or a trusted reverse proxy's header. */
  access: accessSchema,
  /** Host names the server answers to besides loopback; any other Host header is refused. */
  allowedHosts: allowedHostsSchema,
  /** The address the server listens on; loopback (127.0.0.1) when unset. */
  listenHost: z.string().min(1).optional(),
  /** Wall displays paired by key (/wall/pair?code=…); none by default. */
  displayKeys: displayKeysSchema,
  /** Signs admin sessions; without it a random key per process ends sessions on restart. */
  adminSessionSecretFile: z.string().min(1).optional(),
  /** When set, GET /metrics requires this bearer token (a Prometheus `authorization` credentials file). */
  metricsTokenFile: z.string().min(1).optional(),
  history: historySchema,
  statusPages: statusPagesSchema,
  /** Receivers told when a finding opens or closes: Alertmanager, webhook, ntfy, Gatus. */
  notifications: notificationsSchema,
});

export type DashboardConfigInput = z.input<typeof dashboardConfigSchema>;
export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;
export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
export type NodeHintConfig = z.infer<typeof nodeHint>;
