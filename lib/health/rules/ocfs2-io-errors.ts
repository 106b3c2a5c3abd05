import type { KernelEvent, KernelEventKind, KernelSubsystem } from "@/lib/parsers/kernel-log";
import type { MountEntry } from "@/lib/parsers/proc-mounts";
import type { ClusterSnapshot } from "@/lib/snapshot/types";
import type { Finding, Rule, Subject } from "../types";
import { freshReport, listNames, plural, sectionData } from "../views";
import { deviceName, normalizePath, ocfs2Mounts, ocfs2Volumes } from "../views-storage";

const OCFS2_SUBSYSTEMS: ReadonlySet<KernelSubsystem> = new Set([
  "ocfs2",
  "o2net",
  "o2hb",
  "o2quo",
  "dlm",
]);
const ERROR_KINDS: ReadonlySet<KernelEventKind> = new Set([
  "direct-io-failed",
  "read-only-remount",
  "corruption",
  "io-error",
  "fs-error",
]);

/** Most telling first: the kind quoted in the detail and the order of the counts. */
const KIND_ORDER: readonly KernelEventKind[] = [
  "corruption",
  "read-only-remount",
  "direct-io-failed",
  "io-error",
  "heartbeat-timeout",
  "fencing",
  "fs-error",
];

const KIND_LABEL: Partial<Record<KernelEventKind, string>> = {
  corruption: "on-disk corruption",
  "read-only-remount": "remounted read-only",
  "direct-io-failed": "Direct IO failed",
  "io-error": "I/O error",
  "heartbeat-timeout": "heartbeat write timeout",
  fencing: "self-fencing",
  "fs-error": "filesystem error",
};

const MAX_QUOTE = 200;

function rank(kind: KernelEventKind): number {
  const index = KIND_ORDER.indexOf(kind);
  return index === -1 ? KIND_ORDER.length : index;
}

function isOcfs2Error(event: KernelEvent): boolean {
  return (
    OCFS2_SUBSYSTEMS.has(event.subsystem) &&
    (ERROR_KINDS.has(event.kind) || event.severity === "critical")
  );
}

interface NodeErrors {
  node: string;
  device: string | null;
  events: KernelEvent[];
}

function counts(events: readonly KernelEvent[]): string {
  const byKind = new Map<KernelEventKind, number>();
  for (const event of events) byKind.set(event.kind, (byKind.get(event.kind) ?? 0) + 1);
  return [...byKind.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([kind, count]) => `${count} × ${KIND_LABEL[kind] ?? kind}`)
    .join(", ");
}

function quote(errors: readonly NodeErrors[]): string {
  const all = errors.flatMap((e) => e.events.map((event) => ({ node: e.node, event })));
  all.sort((a, b) => rank(a.event.kind) - rank(b.event.kind) || a.event.line - b.event.line);
  const first = all[0];
  if (!first) return "";
  const message =
    first.event.message.length > MAX_QUOTE
      ? `${first.event.message.slice(0, MAX_QUOTE)}…`
      : first.event.message;
  const when = first.event.time === null ? "" : ` at ${first.event.time}`;
  return ` ${first.node} logged${when}: "${message}"${/[.!?…]$/.test(message) ? "" : "."}`;
}

function remedyFor(
  kinds: ReadonlySet<KernelEventKind>,
  nodes: string,
  mountpoint: string | null,
  devices: string,
  pin: string | null,
): string {
  const steps: string[] = [];
  if (kinds.has("direct-io-failed")) {
    steps.push(
      `OCFS2 nodes showed \`Direct IO failed, bytes = -5\` after an upgrade from kernel 6.2 to 6.5: if ${nodes} was upgraded, boot the kernel the other OCFS2 nodes run (\`proxmox-boot-tool kernel pin ${pin ?? "<release>"}\`, reboot) and keep every OCFS2 node on the same release.`,
    );
  }
  if (kinds.has("corruption") || kinds.has("read-only-remount") || kinds.has("fs-error")) {
    const where = mountpoint ?? "the volume";
    steps.push(
      `Stop the guests on ${where}, unmount it on every node, run \`fsck.ocfs2 -fy ${devices || "<device>"}\` from one node, then mount it again.`,
    );
  }
  if (kinds.has("io-error") || kinds.has("heartbeat-timeout") || kinds.has("fencing")) {
    steps.push(
      "Check the paths to the shared LUN and the SAN (`multipath -ll`, `iscsiadm -m session`) and the o2cb network (TCP 7777) between the nodes.",
    );
  }
  steps.push(
    `\`journalctl -k | grep -iE 'ocfs2|o2hb|o2net|dlm'\` on ${nodes} shows the full messages.`,
  );
  return steps.join(" ");
}

/** Kernel releases of the other nodes mounting OCFS2, when they differ from the erring nodes' own. */
function kernelContrast(
  snapshot: ClusterSnapshot,
  erring: readonly string[],
): { text: string; pin: string | null } {
  const own = new Set<string>();
  const others = new Set<string>();
  for (const volume of ocfs2Volumes(snapshot)) {
    for (const { node } of volume.mounts) {
      const release = freshReport(node)?.kernelRelease ?? null;
      if (release !== null && !erring.includes(node.name)) others.add(release);
    }
  }
  for (const node of snapshot.nodes) {
    const release = erring.includes(node.name) ? (freshReport(node)?.kernelRelease ?? null) : null;
    if (release !== null) own.add(release);
  }
  const differing = [...others].filter((release) => !own.has(release)).sort();
  if (own.size === 0 || differing.length === 0) return { text: "", pin: null };
  return {
    text: ` ${listNames(erring)} ${erring.length === 1 ? "runs" : "run"} kernel ${listNames([...own].sort())}; the other OCFS2 nodes run ${listNames(differing)}.`,
    pin: differing.length === 1 ? (differing[0] ?? null) : null,
  };
}

export const ocfs2IoErrors: Rule = (snapshot) => {
  const bySubject = new Map<Subject, NodeErrors[]>();
  const mountpoints = new Map<Subject, string>();
  for (const node of snapshot.nodes) {
    const log = sectionData(node, "kernelLog");
    if (!log) continue;
    const mounts: MountEntry[] = ocfs2Mounts(node) ?? [];
    const perSubject = new Map<Subject, NodeErrors>();
    for (const event of log.events) {
      if (!isOcfs2Error(event)) continue;
      const mount =
        event.device === null
          ? undefined
          : mounts.find((m) => deviceName(m.device) === event.device);
      const subject: Subject = mount
        ? `ocfs2:${normalizePath(mount.mountpoint)}`
        : `node:${node.name}`;
      if (mount) mountpoints.set(subject, normalizePath(mount.mountpoint));
      const entry = perSubject.get(subject) ?? {
        node: node.name,
        device: mount?.device ?? null,
        events: [],
      };
      entry.events.push(event);
      perSubject.set(subject, entry);
    }
    for (const [subject, entry] of perSubject)
      bySubject.set(subject, [...(bySubject.get(subject) ?? []), entry]);
  }

  const subjects = [...bySubject.keys()].sort((a, b) => {
    const ocfs2 = Number(b.startsWith("ocfs2:")) - Number(a.startsWith("ocfs2:"));
    return ocfs2 || (a < b ? -1 : a > b ? 1 : 0);
  });
  return subjects.map((subject): Finding => {
    const errors = bySubject.get(subject) ?? [];
    const mountpoint = mountpoints.get(subject) ?? null;
    const names = listNames(errors.map((e) => e.node));
    const total = errors.reduce((sum, e) => sum + e.events.length, 0);
    const kinds = new Set(errors.flatMap((e) => e.events.map((event) => event.kind)));
    // Unresolved events still name a kernel device (dm-5, sdb1); /dev/<name> is what fsck takes.
    const named = [
      ...new Set(
        errors.flatMap((e) =>
          e.events.flatMap((ev) => (ev.device && !ev.device.includes(":") ? [ev.device] : [])),
        ),
      ),
    ];
    const devices =
      mountpoint === null
        ? named.map((name) => `/dev/${name}`).join(" ")
        : [...new Set(errors.flatMap((e) => (e.device === null ? [] : [e.device])))].join(" ");
    const perNode = errors.map((e) => `${e.node}: ${counts(e.events)}`).join("; ");
    const where =
      mountpoint !== null
        ? ` on ${devices} (mounted at ${mountpoint})`
        : named.length > 0
          ? ` on ${listNames(named)}`
          : "";
    const kernels = kinds.has("direct-io-failed")
      ? kernelContrast(
          snapshot,
          errors.map((e) => e.node),
        )
      : { text: "", pin: null };
    return {
      rule: "ocfs2.io-errors",
      severity: "critical",
      subject,
      title:
        mountpoint === null
          ? `${names}'s kernel reports OCFS2 errors`
          : `OCFS2 volume ${mountpoint} reports errors on ${names}`,
      detail: `The kernel log shows ${plural(total, "OCFS2 error line")}${where}: ${perNode}.${quote(errors)}${kernels.text}`,
      remedy: remedyFor(kinds, names, mountpoint, devices, kernels.pin),
    };
  });
};
