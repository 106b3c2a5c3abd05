import { z } from "zod";
import type { PrivilegeCheck } from "@/lib/proxmox/permissions";
import type { Tone } from "./tone";

const privilegeRowSchema = z.object({
  privilege: z.string(),
  path: z.string(),
  reads: z.string(),
  tone: z.enum(["ok", "warn", "crit", "unknown", "info"]),
  word: z.string(),
});

export const settingsClusterSchema = z.object({
  id: z.string(),
  name: z.string(),
  apiUrls: z.array(z.string()),
  tokenId: z.string(),
  /** How the API's certificate is checked, in words. */
  trust: z.string(),
  checkedAt: z.string().nullable(),
  /** Why the privileges are not known; null when they were read. */
  problem: z.string().nullable(),
  privileges: z.array(privilegeRowSchema),
});

export const settingsModelSchema = z.object({ clusters: z.array(settingsClusterSchema) });

export type SettingsModel = z.infer<typeof settingsModelSchema>;
export type SettingsCluster = z.infer<typeof settingsClusterSchema>;

export interface SettingsInput {
  id: string;
  name: string | null;
  urls: readonly string[];
  tokenId: string;
  fingerprint: string | null;
  caFile: string | null;
  privileges: PrivilegeCheck | null;
}

function trustOf(input: SettingsInput): string {
  if (input.urls.every((u) => u.startsWith("http:"))) return "plain HTTP: no certificate check";
  if (input.fingerprint) return `pinned SHA-256 fingerprint ${input.fingerprint}`;
  if (input.caFile) return `certificates signed by the CA in ${input.caFile}`;
  return "certificates trusted by the system's CA store";
}

/**
 * The read-only settings view: where each cluster's API is, how its certificate is trusted, and
 * which of the privileges the dashboard needs its token holds. The token secret never enters it.
 */
export function toSettingsCluster(input: SettingsInput): SettingsCluster {
  const check = input.privileges;
  const known = check?.results ?? null;
  const privileges = (known ?? []).map((r) => {
    const tone: Tone = r.granted ? "ok" : "unknown";
    return {
      privilege: r.privilege,
      path: r.path,
      reads: r.reads,
      tone,
      word: r.granted ? "granted" : "missing",
    };
  });
  return {
    id: input.id,
    name: input.name ?? input.id,
    apiUrls: [...input.urls],
    tokenId: input.tokenId,
    trust: trustOf(input),
    checkedAt: check?.checkedAt ?? null,
    problem:
      check === null
        ? "not checked yet"
        : known === null
          ? `cannot read /access/permissions: ${check.error?.message ?? "unknown error"}`
          : null,
    privileges,
  };
}
