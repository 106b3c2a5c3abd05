import type { AgentReport, Section } from "@/lib/agents/schema";
import { SECTION_NAMES } from "@/lib/agents/schema";

type Labels = Record<string, string>;

class MetricWriter {
  private readonly lines: string[] = [];
  private readonly declared = new Set<string>();

  gauge(
    name: string,
    help: string,
    value: number | boolean | null | undefined,
    labels: Labels = {},
  ) {
    if (value === null || value === undefined) return;
    if (!this.declared.has(name)) {
      this.declared.add(name);
      this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    }
    const numeric = typeof value === "boolean" ? (value ? 1 : 0) : value;
    this.lines.push(`${name}${formatLabels(labels)} ${numeric}`);
  }

  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  const body = entries
    .map(
      ([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`,
    )
    .join(",");
  return `{${body}}`;
}

function data<T>(section: Section<T>): T | null {
  return section.status === "ok" ? section.data : null;
}

/** Prometheus text exposition of one report; names follow the tiebreaker_ prefix convention. */
export function renderMetrics(report: AgentReport): string {
  const m = new MetricWriter();
  const s = report.sections;
  m.gauge("tiebreaker_agent_info", "Agent version and node identity.", 1, {
    version: report.agentVersion,
    node: report.node,
    kernel: report.kernelRelease ?? "",
  });
  m.gauge(
    "tiebreaker_agent_collection_seconds",
    "Time spent building the report.",
    report.collectionMs / 1000,
  );
  for (const name of SECTION_NAMES) {
    const section = s[name];
    m.gauge(
      "tiebreaker_agent_source_up",
      "1 when the source gave data, 0 with the reason otherwise.",
      section.status === "ok",
      {
        section: name,
        reason: section.status === "ok" ? "" : section.reason,
      },
    );
  }
  if (report.clock.offsetMs !== null) {
    m.gauge(
      "tiebreaker_node_clock_offset_seconds",
      "Known clock offset against the reference.",
      report.clock.offsetMs / 1000,
    );
  }

  const quorum = data(s.corosync);
  if (quorum) {
    m.gauge(
      "tiebreaker_corosync_quorate",
      "1 when corosync on this node is quorate.",
      quorum.quorate,
    );
    m.gauge("tiebreaker_corosync_expected_votes", "Runtime expected votes.", quorum.expectedVotes);
    m.gauge("tiebreaker_corosync_total_votes", "Total votes present.", quorum.totalVotes);
    m.gauge("tiebreaker_corosync_quorum_votes", "Votes needed for quorum.", quorum.quorum);
    m.gauge("tiebreaker_corosync_members", "Members this node sees.", quorum.members.length);
    m.gauge(
      "tiebreaker_corosync_qdevice_votes",
      "Votes the QDevice contributes.",
      quorum.qdeviceVotes,
    );
  }
  const links = data(s.links);
  for (const node of links?.stats?.nodes ?? []) {
    for (const link of node.links) {
      const labels = { peer_nodeid: String(node.nodeId), link: String(link.linkId) };
      m.gauge(
        "tiebreaker_corosync_link_connected",
        "1 when knet has this corosync link up to the node.",
        link.connected,
        labels,
      );
      m.gauge(
        "tiebreaker_corosync_link_latency_seconds",
        "Average knet round-trip latency on the link.",
        link.latencyAveUs === null ? null : link.latencyAveUs / 1e6,
        labels,
      );
      m.gauge(
        "tiebreaker_corosync_link_down_count",
        "Times the link went down since corosync started.",
        link.downCount,
        labels,
      );
    }
  }
  const qdevice = data(s.qdevice);
  if (qdevice) {
    m.gauge(
      "tiebreaker_qdevice_connected",
      "1 when corosync-qdevice is connected to qnetd.",
      qdevice.connected,
    );
    m.gauge("tiebreaker_qdevice_cast_vote", "1 when the QDevice casts its vote.", qdevice.castVote);
  }
  const drbd = data(s.drbd);
  for (const resource of drbd?.resources ?? []) {
    m.gauge("tiebreaker_drbd_resource_role", "Local role of a DRBD resource.", 1, {
      resource: resource.name,
      role: resource.role,
    });
    m.gauge("tiebreaker_drbd_resource_quorum", "DRBD 9 quorum of a resource.", resource.quorum, {
      resource: resource.name,
    });
    for (const device of resource.devices) {
      m.gauge("tiebreaker_drbd_device_disk_state", "Local disk state of a DRBD volume.", 1, {
        resource: resource.name,
        volume: String(device.volume ?? ""),
        state: device.diskState,
      });
    }
    for (const connection of resource.connections) {
      const peer = connection.peerName ?? String(connection.peerNodeId ?? "");
      m.gauge("tiebreaker_drbd_connection_state", "Connection state to a DRBD peer.", 1, {
        resource: resource.name,
        peer,
        state: connection.connectionState,
      });
      for (const pd of connection.peerDevices) {
        m.gauge(
          "tiebreaker_drbd_sync_done_ratio",
          "Resync progress toward a peer.",
          pd.donePercent === null ? null : pd.donePercent / 100,
          {
            resource: resource.name,
            peer,
            volume: String(pd.volume ?? ""),
          },
        );
      }
    }
  }
  for (const mount of data(s.mounts) ?? []) {
    if (mount.fsType !== "ocfs2") continue;
    m.gauge(
      "tiebreaker_ocfs2_mount_read_only",
      "1 when an OCFS2 volume is mounted read-only.",
      mount.readOnly,
      {
        mountpoint: mount.mountpoint,
        device: mount.device,
      },
    );
  }
  const o2cb = data(s.o2cb);
  if (o2cb)
    m.gauge("tiebreaker_o2cb_online", "1 when the o2cb cluster is online.", o2cb.online, {
      cluster: o2cb.clusterName ?? "",
    });
  const kernel = data(s.kernelLog);
  if (kernel) {
    const counts = new Map<string, number>();
    for (const event of kernel.events) {
      const key = `${event.subsystem}\u0000${event.kind}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) {
      const [subsystem = "", kind = ""] = key.split("\u0000");
      m.gauge(
        "tiebreaker_kernel_events",
        "Classified kernel log events in the recent window.",
        count,
        { subsystem, kind },
      );
    }
  }
  return m.toString();
}
