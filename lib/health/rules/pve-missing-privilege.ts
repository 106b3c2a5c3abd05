import type { PrivilegeCheck } from "@/lib/proxmox/permissions";
import type { Finding } from "../types";

/**
 * One finding per privilege the API token lacks, from its own `/access/permissions`. It stands
 * apart from the snapshot rules: the check runs at start and then every few minutes, not per poll.
 */
export function pveMissingPrivilege(check: PrivilegeCheck | null | undefined): Finding[] {
  if (!check?.results) return [];
  const user = check.tokenId.split("!")[0] ?? check.tokenId;
  return check.results
    .filter((r) => !r.granted)
    .map((r) => ({
      rule: "pve.missing-privilege",
      severity: "unknown",
      subject: "cluster",
      title: `The API token lacks ${r.privilege} on ${r.path}`,
      detail:
        `/access/permissions for ${check.tokenId} (checked ${check.checkedAt}) lists no ${r.privilege} on ${r.path}. ` +
        `Proxmox then leaves out ${r.reads} instead of failing, so what the dashboard shows from it is incomplete, not healthy.`,
      remedy: `Give the token the read-only auditor role on /: \`pveum acl modify / --users ${user} --roles PVEAuditor\` and \`pveum acl modify / --tokens '${check.tokenId}' --roles PVEAuditor\` (a token with privilege separation needs both).`,
    }));
}
