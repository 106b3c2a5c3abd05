import type { CephHealthCheck } from "@/lib/snapshot/types";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";

/** What an admin does first for the checks Proxmox clusters meet most. */
const HINTS: [RegExp, string][] = [
  [
    /^(OSD|POOL)_(NEAR|BACKFILL)?FULL$/,
    "Free or add capacity before OSDs reach the full ratio (writes stop at 95 % by default): add OSDs, delete unused images or snapshots, or rebalance with `ceph osd reweight-by-utilization`; `ceph osd df tree` shows which OSDs are fullest.",
  ],
  [
    /^MON_DOWN$/,
    "Start the missing monitor (`systemctl status ceph-mon@<name>` on its node) and check that it reaches the others on TCP 3300 and 6789.",
  ],
  [
    /^OSD_(DOWN|HOST_DOWN)$/,
    "On the OSD's node, `systemctl status ceph-osd@<id>` and `journalctl -u ceph-osd@<id>` tell why it stopped; a failed disk shows in `dmesg`.",
  ],
  [
    /^PG_(DEGRADED|AVAILABILITY|DAMAGED)$/,
    "Placement groups are missing copies: bring back down OSDs first; `ceph pg dump_stuck` lists the affected ones.",
  ],
  [
    /^MON_CLOCK_SKEW$/,
    "Monitors need synchronised clocks: check `chronyc tracking` on every monitor node.",
  ],
  [
    /^(SLOW_OPS|REQUEST_SLOW)$/,
    "Look for a slow or failing disk and for network trouble between the OSD nodes.",
  ],
];

function describeCheck(check: CephHealthCheck): string {
  const detail =
    check.detail.length > 0
      ? ` (${check.detail.slice(0, 5).join("; ")}${check.detail.length > 5 ? "; ..." : ""})`
      : "";
  return `${check.name} [${check.severity ?? "?"}]: ${check.summary ?? "no summary"}${detail}`;
}

export const cephHealth: Rule = (snapshot) => {
  const ceph = snapshot.api.fresh ? (snapshot.api.data?.ceph ?? null) : null;
  if (!ceph || (ceph.health !== "HEALTH_WARN" && ceph.health !== "HEALTH_ERR")) return [];
  const active = ceph.checks.filter((c) => !c.muted);
  const muted = ceph.checks.filter((c) => c.muted);
  const names = active.map((c) => c.name);
  const hints = [
    ...new Set(
      active.flatMap((c) =>
        HINTS.filter(([pattern]) => pattern.test(c.name)).map(([, hint]) => hint),
      ),
    ),
  ];
  return [
    {
      rule: "ceph.health",
      severity: ceph.health === "HEALTH_ERR" ? "critical" : "warning",
      subject: "cluster",
      title: `Ceph reports ${ceph.health}${names.length > 0 ? `: ${listNames(names)}` : ""}`,
      detail:
        (active.length > 0
          ? `${active.map(describeCheck).join(". ")}.`
          : "Ceph names no active check.") +
        (muted.length > 0 ? ` Muted: ${listNames(muted.map((c) => c.name))}.` : "") +
        (ceph.health === "HEALTH_ERR"
          ? " HEALTH_ERR means data is unavailable or about to be: guests on Ceph storage may hang on I/O."
          : ""),
      remedy: [
        ...hints,
        "`ceph health detail` on any node (or Datacenter > Ceph in the Proxmox GUI) shows every check with its affected daemons.",
      ].join(" "),
    } satisfies Finding,
  ];
};
