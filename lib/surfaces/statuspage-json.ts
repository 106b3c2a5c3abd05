import type { PublicIncident, PublicMaintenance, PublicPage, StatusWord } from "./public-status";

/** The Statuspage shape aggregators read (contract section 6), from the public page only. */
export type Indicator = "none" | "minor" | "major" | "critical";
export type ComponentStatus =
  "operational" | "degraded_performance" | "partial_outage" | "major_outage";

/**
 * Our words in Statuspage's four component states. Unknown and Maintenance are not operational:
 * nobody can vouch for the component, so they read as degraded. A node outage leaves the rest of
 * the cluster serving, so it is a partial outage; any other outage is major.
 */
export function componentStatus(word: StatusWord, componentId: string): ComponentStatus {
  if (word === "Operational") return "operational";
  if (word === "Outage") return componentId === "nodes" ? "partial_outage" : "major_outage";
  return "degraded_performance";
}

export function indicator(statuses: readonly ComponentStatus[]): Indicator {
  if (statuses.includes("major_outage")) return "critical";
  if (statuses.includes("partial_outage")) return "major";
  if (statuses.includes("degraded_performance")) return "minor";
  return "none";
}

const DESCRIPTIONS: Record<StatusWord, string> = {
  Operational: "All Systems Operational",
  Degraded: "Degraded Service",
  Outage: "Service Outage",
  Unknown: "Status Unknown",
  Maintenance: "Under Maintenance",
};

const INCIDENT_IMPACT: Record<PublicIncident["impact"], Indicator> = {
  degraded: "minor",
  outage: "major",
};

const MAINTENANCE_STATUS: Record<PublicMaintenance["state"], string> = {
  scheduled: "scheduled",
  "in-progress": "in_progress",
  completed: "completed",
};

function pageBlock(page: PublicPage, url: string) {
  return {
    id: page.id,
    name: page.title,
    url,
    time_zone: "Etc/UTC",
    updated_at: page.updatedAt,
  };
}

function components(page: PublicPage) {
  return page.groups.flatMap((g) => g.components.map((c) => ({ c, group: g.name })));
}

function statusBlock(page: PublicPage) {
  return {
    indicator: indicator(components(page).map(({ c }) => componentStatus(c.status, c.id))),
    description: DESCRIPTIONS[page.status],
    tiebreaker_status: page.status,
  };
}

/** GET /api/v2/status.json */
export function toStatusJson(page: PublicPage, url: string) {
  return { page: pageBlock(page, url), status: statusBlock(page) };
}

function incidentJson(page: PublicPage, url: string, i: PublicIncident) {
  return {
    id: String(i.id),
    name: i.title,
    status: i.status,
    impact: INCIDENT_IMPACT[i.impact],
    created_at: i.startedAt,
    updated_at: i.updatedAt,
    started_at: i.startedAt,
    monitoring_at: i.updates.find((u) => u.status === "monitoring")?.at ?? null,
    resolved_at: i.resolvedAt,
    shortlink: `${url}#incident-${i.id}`,
    page_id: page.id,
    components: i.components,
    postmortem_body: i.postmortem,
    incident_updates: i.updates.map((u, n) => ({
      id: `${i.id}-${i.updates.length - n}`,
      incident_id: String(i.id),
      status: u.status,
      body: u.body,
      created_at: u.at,
      updated_at: u.at,
      display_at: u.at,
    })),
  };
}

/** GET /api/v2/summary.json: components, unresolved incidents, current and coming maintenance. */
export function toSummaryJson(page: PublicPage, url: string) {
  const list = components(page);
  const grouped = page.groups.length > 1;
  const groups = grouped
    ? page.groups.map((g, n) => ({
        id: `group-${n + 1}`,
        name: g.name,
        status: componentStatus(g.status, "group"),
        position: n + 1,
        description: null,
        group: true,
        group_id: null,
        only_show_if_degraded: false,
        showcase: true,
        components: g.components.map((c) => c.key),
      }))
    : [];
  return {
    page: pageBlock(page, url),
    status: statusBlock(page),
    components: [
      ...groups,
      ...list.map(({ c, group }, n) => ({
        id: c.key,
        name: c.name,
        status: componentStatus(c.status, c.id),
        tiebreaker_status: c.status,
        position: n + 1,
        description: null,
        group: false,
        group_id: grouped ? `group-${page.groups.findIndex((g) => g.name === group) + 1}` : null,
        only_show_if_degraded: false,
        showcase: true,
        uptime: c.uptime,
      })),
    ],
    incidents: page.incidents
      .filter((i) => i.status !== "resolved")
      .map((i) => incidentJson(page, url, i)),
    scheduled_maintenances: page.maintenance
      .filter((m) => m.state !== "completed")
      .map((m) => ({
        id: String(m.id),
        name: m.title,
        status: MAINTENANCE_STATUS[m.state],
        impact: "maintenance",
        scheduled_for: m.startsAt,
        scheduled_until: m.endsAt,
        shortlink: `${url}#maintenance-${m.id}`,
        page_id: page.id,
        components: m.components,
        incident_updates: m.body ? [{ body: m.body, display_at: m.startsAt }] : [],
      })),
  };
}
