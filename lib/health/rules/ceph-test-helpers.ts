import { readFixture } from "@/lib/parsers/test-helpers";
import { mapCephStatus } from "@/lib/proxmox/map";
import type { CephHealthCheck, CephStatus } from "@/lib/snapshot/types";

/** The real PVE 8 /cluster/ceph/status in fixtures/ceph, through the product's mapping. */
export function capturedCeph(): CephStatus {
  const response = JSON.parse(
    readFixture(
      "ceph/cluster-ceph-status-pve8-reef-3mon-21osd-health-warn-nearfull-goproxmox.json",
    ),
  ) as { data: unknown };
  return mapCephStatus(response.data);
}

export function check(
  name: string,
  severity: string,
  summary: string,
  detail: string[] = [],
  muted = false,
): CephHealthCheck {
  return { name, severity, summary, count: null, detail, muted };
}
