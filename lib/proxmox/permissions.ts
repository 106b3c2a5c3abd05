import { z } from "zod";
import type { SourceFailure } from "@/lib/snapshot/types";

/**
 * What the dashboard reads and the privilege each read needs. Without them pveproxy does not fail:
 * it leaves out what the token may not see, so a missing privilege looks like an empty cluster.
 */
export const REQUIRED_PRIVILEGES = [
  { path: "/", privilege: "Sys.Audit", reads: "cluster status, quorum and the HA state" },
  { path: "/nodes", privilege: "Sys.Audit", reads: "the node list and each node's storage status" },
  { path: "/storage", privilege: "Datastore.Audit", reads: "storage definitions and usage" },
] as const;

export interface PrivilegeResult {
  path: string;
  privilege: string;
  reads: string;
  granted: boolean;
}

/** The token's privileges as `/access/permissions` reported them, or why they could not be read. */
export interface PrivilegeCheck {
  tokenId: string;
  checkedAt: string;
  /** null when /access/permissions could not be read. */
  results: PrivilegeResult[] | null;
  error: SourceFailure | null;
}

/** `GET /access/permissions`: path → privilege → propagate bit; a listed privilege is granted. */
const permissionsSchema = z.record(
  z.string(),
  z.record(z.string(), z.union([z.number(), z.boolean()])),
);

/** The closest listed path at or above `path`: an ACL on / that propagates covers /nodes. */
function effective(
  map: Record<string, Record<string, number | boolean>>,
  path: string,
): Record<string, number | boolean> {
  for (let at = path; ; at = at.slice(0, Math.max(1, at.lastIndexOf("/")))) {
    const listed = map[at];
    if (listed) return listed;
    if (at === "/") return {};
  }
}

export function checkPrivileges(raw: unknown, tokenId: string, checkedAt: string): PrivilegeCheck {
  const parsed = permissionsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      tokenId,
      checkedAt,
      results: null,
      error: {
        kind: "garbage",
        message: "/access/permissions answered in an unexpected shape",
        at: checkedAt,
      },
    };
  }
  return {
    tokenId,
    checkedAt,
    results: REQUIRED_PRIVILEGES.map((r) => ({
      ...r,
      granted: r.privilege in effective(parsed.data, r.path),
    })),
    error: null,
  };
}

export function failedPrivilegeCheck(tokenId: string, failure: SourceFailure): PrivilegeCheck {
  return { tokenId, checkedAt: failure.at, results: null, error: failure };
}
