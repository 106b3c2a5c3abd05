import type { FailureKind } from "@/lib/snapshot/types";
import { formatAge } from "@/lib/format";
import type { Finding, Rule } from "../types";

const REMEDY: Record<FailureKind, string> = {
  tls: "Check the certificate: pin the node's current SHA-256 fingerprint (shown in the Proxmox GUI under Node > System > Certificates and in /nodes) or trust /etc/pve/pve-root-ca.pem.",
  auth: "Check the API token id and secret: `pveum user token list tiebreaker@pve`; recreate it with `pveum user token add tiebreaker@pve dashboard --privsep 1` if it was removed.",
  permission:
    "Grant the token read access: `pveum acl modify / --tokens 'tiebreaker@pve!dashboard' --roles PVEAuditor`.",
  network:
    "Check that the configured address answers on port 8006 from the dashboard host (pveproxy running, firewall open).",
  timeout:
    "The node accepted the connection but did not answer in time; check pveproxy and pvedaemon on it (`systemctl status pveproxy`) or add a second API URL.",
  http: "The API answered with an error; read the detail and pveproxy's log (`journalctl -u pveproxy`).",
  garbage:
    "The API answered with something that is not Proxmox JSON; check that the URL points at pveproxy and not at a proxy or login page.",
  "not-configured": "Configure the cluster's API URL and token.",
};

export const pveApiUnreachable: Rule = (snapshot) => {
  const { api } = snapshot;
  const findings: Finding[] = [];
  if (!api.fresh && api.error) {
    const last =
      api.ageMs === null
        ? "There is no earlier answer."
        : `The last good answer is ${formatAge(api.ageMs)} old.`;
    findings.push({
      rule: "pve.api-unreachable",
      severity: "unknown",
      subject: "cluster",
      title: `The Proxmox API cannot be used (${api.error.kind})`,
      detail: `${api.error.message}. ${last} Node, storage and guest data from the API is unknown until it answers.`,
      remedy: REMEDY[api.error.kind],
    });
  } else if (api.fresh && api.data) {
    const failed = Object.entries(api.data.endpointErrors);
    if (failed.length > 0) {
      const first = failed[0]![1];
      findings.push({
        rule: "pve.api-unreachable",
        severity: "unknown",
        subject: "cluster",
        title: `Part of the Proxmox API cannot be read (${failed.map(([path]) => path).join(", ")})`,
        detail: failed.map(([path, f]) => `${path}: ${f.kind}: ${f.message}`).join("; "),
        remedy: REMEDY[first.kind],
      });
    }
  }
  return findings;
};
