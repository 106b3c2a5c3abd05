import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { DEFAULT_THRESHOLDS } from "@/lib/health/thresholds";
import type { Thresholds } from "@/lib/snapshot/types";
import type { AccessConfig } from "./access-schema";
import { type DisplayKeyConfig, displayKeysSchema } from "./display-schema";
import type { HistoryConfig } from "./history-schema";
import { parsePasswordScrypt, type ScryptHash } from "./password-scrypt";
import { resolveNotifications, type ResolvedNotifications } from "./notify-schema";
import { type ClusterConfig, dashboardConfigSchema } from "./schema";
import { resolveStatusPages, type StatusPageConfig } from "./status-schema";

type Env = Record<string, string | undefined>;

export class DashboardConfigError extends Error {
  override name = "DashboardConfigError";
}

export interface ResolvedCluster extends ClusterConfig {
  /** Secrets resolved from the config, a file or the environment; never sent to a browser. */
  secrets: {
    proxmoxToken: string;
    agentToken: string | null;
    ca: string | null;
    linstor: LinstorSecrets;
  };
}

/** What the LINSTOR controller needs from files: TLS material and an optional bearer token. */
export interface LinstorSecrets {
  ca: string | null;
  cert: string | null;
  key: string | null;
  token: string | null;
}

/**
 * An admin with the sha256 of their token or their password's scrypt hash; the token or password
 * itself is never kept. Which of the two is set says how a sign-in is checked.
 */
export type ResolvedAdmin = {
  name: string;
  clusters: "*" | string[];
  role: "admin" | "viewer";
} & (
  | { tokenSha256: Buffer; passwordScrypt?: undefined }
  | { passwordScrypt: ScryptHash; tokenSha256?: undefined }
);

/** A wall display key with the sha256 of the key; the key itself is never kept. */
export interface ResolvedDisplayKey {
  id: string;
  keySha256: Buffer;
  clusters: "*" | string[];
  revoked: boolean;
}

export interface ResolvedConfig {
  clusters: ResolvedCluster[];
  thresholds: Thresholds;
  admins: ResolvedAdmin[];
  /** Wall display keys as the config said at startup; lib/auth/display-keys.ts follows later edits. */
  displayKeys: ResolvedDisplayKey[];
  /** Signs admin session and display cookies. */
  sessionSecret: Buffer;
  /** From adminSessionSecretFile; false when it is random for this process. */
  sessionSecretConfigured: boolean;
  /** The bearer token GET /metrics requires, or null for an open endpoint. */
  metricsToken: string | null;
  access: AccessConfig;
  allowedHosts: string[];
  history: HistoryConfig;
  /** The public status pages: as configured, or one per cluster. */
  statusPages: StatusPageConfig[];
  /** Notification receivers with their secrets read from their files. */
  notifications: ResolvedNotifications;
}

function readSecretFile(file: string, field: string): string {
  try {
    const value = readFileSync(file, "utf8").trim();
    if (value === "") throw new DashboardConfigError(`${field}: ${file} is empty`);
    return value;
  } catch (err) {
    if (err instanceof DashboardConfigError) throw err;
    throw new DashboardConfigError(
      `${field}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}

function readEnv(name: string, field: string, env: Env): string {
  const value = env[name]?.trim();
  if (!value) throw new DashboardConfigError(`${field}: environment variable ${name} is not set`);
  return value;
}

/**
 * Resolves `displayKeys` against the configured cluster ids. Also used on its own to follow edits
 * of the config file while the server runs, so a revoked key takes effect without a restart.
 */
export function resolveDisplayKeys(
  raw: unknown,
  clusterIds: ReadonlySet<string>,
  sessionSecretConfigured: boolean,
): ResolvedDisplayKey[] {
  const parsed = displayKeysSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DashboardConfigError(
      `displayKeys${issue?.path.length ? `.${issue.path.join(".")}` : ""}: ${issue?.message ?? "invalid"}`,
    );
  }
  if (parsed.data.length > 0 && !sessionSecretConfigured)
    throw new DashboardConfigError(
      "displayKeys: set adminSessionSecretFile too, so that paired displays stay paired when the server restarts",
    );
  const ids = new Set<string>();
  return parsed.data.map((key: DisplayKeyConfig, i): ResolvedDisplayKey => {
    const at = `displayKeys.${i}`;
    if (ids.has(key.id)) throw new DashboardConfigError(`${at}.id: "${key.id}" is used twice`);
    ids.add(key.id);
    for (const id of key.clusters === "*" ? [] : key.clusters) {
      if (!clusterIds.has(id)) throw new DashboardConfigError(`${at}.clusters: no cluster "${id}"`);
    }
    const secret = key.keyFile ? readSecretFile(key.keyFile, `${at}.keyFile`) : null;
    if (secret !== null && secret.length < 16)
      throw new DashboardConfigError(`${at}: a display key needs at least 16 characters`);
    return {
      id: key.id,
      keySha256:
        secret === null
          ? Buffer.from(key.keySha256!, "hex")
          : createHash("sha256").update(secret).digest(),
      clusters: key.clusters,
      revoked: key.revoked,
    };
  });
}

/** Validates a parsed config and resolves its secrets; errors name the offending field. */
export function resolveConfig(raw: unknown, env: Env = process.env): ResolvedConfig {
  const parsed = dashboardConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "(top level)";
    throw new DashboardConfigError(`${field}: ${issue?.message ?? "invalid"}`);
  }
  const ids = new Set<string>();
  const clusters = parsed.data.clusters.map((cluster, i): ResolvedCluster => {
    const at = `clusters.${i}`;
    if (ids.has(cluster.id))
      throw new DashboardConfigError(`${at}.id: "${cluster.id}" is used twice`);
    ids.add(cluster.id);
    const p = cluster.proxmox;
    const proxmoxToken =
      p.tokenSecret ??
      (p.tokenSecretFile
        ? readSecretFile(p.tokenSecretFile, `${at}.proxmox.tokenSecretFile`)
        : readEnv(p.tokenSecretEnv!, `${at}.proxmox.tokenSecretEnv`, env));
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(proxmoxToken)) {
      throw new DashboardConfigError(
        `${at}.proxmox.tokenSecret: a Proxmox token secret is a lowercase UUID`,
      );
    }
    const a = cluster.agents;
    const agentToken = a
      ? a.tokenFile
        ? readSecretFile(a.tokenFile, `${at}.agents.tokenFile`)
        : readEnv(a.tokenEnv!, `${at}.agents.tokenEnv`, env)
      : null;
    const ca = p.caFile ? readSecretFile(p.caFile, `${at}.proxmox.caFile`) : null;
    const l = cluster.linstor;
    const file = (name: string | undefined, field: string) =>
      name ? readSecretFile(name, `${at}.linstor.${field}`) : null;
    const linstor: LinstorSecrets = {
      ca: file(l?.caFile, "caFile"),
      cert: file(l?.clientCertFile, "clientCertFile"),
      key: file(l?.clientKeyFile, "clientKeyFile"),
      token: file(l?.tokenFile, "tokenFile"),
    };
    return { ...cluster, secrets: { proxmoxToken, agentToken, ca, linstor } };
  });
  const names = new Set<string>();
  const admins = parsed.data.admins.map((admin, i): ResolvedAdmin => {
    const at = `admins.${i}`;
    if (names.has(admin.name))
      throw new DashboardConfigError(`${at}.name: "${admin.name}" is used twice`);
    names.add(admin.name);
    for (const id of admin.clusters === "*" ? [] : admin.clusters) {
      if (!ids.has(id)) throw new DashboardConfigError(`${at}.clusters: no cluster "${id}"`);
    }
    const who = { name: admin.name, clusters: admin.clusters, role: admin.role };
    if (admin.passwordScrypt !== undefined) {
      const parsed = parsePasswordScrypt(admin.passwordScrypt);
      if (!parsed.ok) throw new DashboardConfigError(`${at}.passwordScrypt: ${parsed.message}`);
      return { ...who, passwordScrypt: parsed.value };
    }
    const token = admin.tokenFile
      ? readSecretFile(admin.tokenFile, `${at}.tokenFile`)
      : admin.tokenEnv
        ? readEnv(admin.tokenEnv, `${at}.tokenEnv`, env)
        : null;
    if (token !== null && token.length < 16)
      throw new DashboardConfigError(`${at}: an admin token needs at least 16 characters`);
    return {
      ...who,
      tokenSha256:
        token === null
          ? Buffer.from(admin.tokenSha256!, "hex")
          : createHash("sha256").update(token).digest(),
    };
  });
  const sessionSecret = parsed.data.adminSessionSecretFile
    ? Buffer.from(readSecretFile(parsed.data.adminSessionSecretFile, "adminSessionSecretFile"))
    : randomBytes(32);
  const displayKeys = resolveDisplayKeys(
    parsed.data.displayKeys,
    ids,
    parsed.data.adminSessionSecretFile !== undefined,
  );
  const pages = resolveStatusPages(parsed.data.statusPages, clusters);
  if (!pages.ok) throw new DashboardConfigError(`${pages.field}: ${pages.message}`);
  const notifications = resolveNotifications(parsed.data.notifications, ids, readSecretFile);
  if (!notifications.ok)
    throw new DashboardConfigError(`${notifications.field}: ${notifications.message}`);
  return {
    history: parsed.data.history,
    statusPages: pages.pages,
    notifications: notifications.value,
    clusters,
    thresholds: { ...DEFAULT_THRESHOLDS, ...stripUndefined(parsed.data.thresholds) },
    admins,
    access: parsed.data.access,
    allowedHosts: parsed.data.allowedHosts,
    displayKeys,
    sessionSecret,
    sessionSecretConfigured: parsed.data.adminSessionSecretFile !== undefined,
    metricsToken: parsed.data.metricsTokenFile
      ? readSecretFile(parsed.data.metricsTokenFile, "metricsTokenFile")
      : null,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads TIEBREAKER_CONFIG (a JSON file path). */
export function loadConfig(env: Env = process.env): ResolvedConfig {
  const file = env.TIEBREAKER_CONFIG;
  if (!file)
    throw new DashboardConfigError(
      "TIEBREAKER_CONFIG: set it to the path of the dashboard's JSON config file",
    );
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new DashboardConfigError(
      `TIEBREAKER_CONFIG: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DashboardConfigError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  return resolveConfig(raw, env);
}
