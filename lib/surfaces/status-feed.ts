import type { PublicIncident, PublicMaintenance, PublicPage } from "./public-status";

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const UPDATE_WORDS: Record<PublicIncident["status"], string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

interface Entry {
  id: string;
  title: string;
  updated: string;
  published: string;
  link: string;
  text: string;
}

function incidentEntry(i: PublicIncident, pageUrl: string): Entry {
  const lines = [
    `Affects: ${i.components.join(", ")}`,
    ...i.updates.map((u) => `${u.at} ${UPDATE_WORDS[u.status]}: ${u.body}`),
    ...(i.postmortem ? [`Postmortem: ${i.postmortem}`] : []),
  ];
  return {
    id: `${pageUrl}#incident-${i.id}`,
    title: `${i.status === "resolved" ? "[Resolved] " : ""}${i.title}`,
    updated: i.updatedAt,
    published: i.startedAt,
    link: `${pageUrl}#incident-${i.id}`,
    text: lines.join("\n"),
  };
}

function maintenanceEntry(m: PublicMaintenance, pageUrl: string): Entry {
  return {
    id: `${pageUrl}#maintenance-${m.id}`,
    title: `[Maintenance] ${m.title}`,
    updated: m.startsAt,
    published: m.startsAt,
    link: `${pageUrl}#maintenance-${m.id}`,
    text: [`From ${m.startsAt} to ${m.endsAt}`, `Affects: ${m.components.join(", ")}`, m.body]
      .filter(Boolean)
      .join("\n"),
  };
}

/** The page's incidents and maintenance windows as an Atom 1.0 feed, newest first. */
export function toAtomFeed(page: PublicPage, pageUrl: string, feedUrl: string): string {
  const entries = [
    ...page.incidents.map((i) => incidentEntry(i, pageUrl)),
    ...page.maintenance.map((m) => maintenanceEntry(m, pageUrl)),
  ].sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries[0]?.updated ?? page.updatedAt ?? new Date(0).toISOString();
  const x = escapeXml;
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>${x(pageUrl)}</id>`,
    `  <title>${x(page.title)}: incidents and maintenance</title>`,
    `  <updated>${x(updated)}</updated>`,
    `  <link rel="alternate" type="text/html" href="${x(pageUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${x(feedUrl)}"/>`,
    `  <author><name>${x(page.title)}</name></author>`,
    ...entries.map((e) =>
      [
        `  <entry>`,
        `    <id>${x(e.id)}</id>`,
        `    <title>${x(e.title)}</title>`,
        `    <updated>${x(e.updated)}</updated>`,
        `    <published>${x(e.published)}</published>`,
        `    <link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
        `    <content type="text">${x(e.text)}</content>`,
        `  </entry>`,
      ].join("\n"),
    ),
    `</feed>`,
    ``,
  ].join("\n");
}
