import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { STATUS_WORDS, toPublicPage, toPublicStatus, uptimeText } from "./public-status";
import { evaluated, scenariosDir, T0 } from "./test-helpers";

const scenarios = readdirSync(scenariosDir).filter((name) =>
  existsSync(path.join(scenariosDir, name, "scenario.json")),
);

/** Names and words a scenario's raw files hold that an anonymous visitor must never see. */
function internalWords(name: string): string[] {
  const dir = path.join(scenariosDir, name);
  const words = new Set<string>(["StandAlone", "Quorate", "UpToDate", "WFConnection", "pve"]);
  if (existsSync(path.join(dir, "nodes")))
    for (const node of readdirSync(path.join(dir, "nodes"))) words.add(node);
  const storage = path.join(dir, "pve/storage.json");
  if (existsSync(storage)) {
    for (const s of JSON.parse(readFileSync(storage, "utf8")) as { storage: string }[])
      words.add(s.storage);
  }
  return [...words];
}

describe("public status model", () => {
  it("finds scenarios to check", () => expect(scenarios.length).toBeGreaterThan(20));

  it.each(scenarios)("%s shows no node, storage, address or tool word", async (name) => {
    const model = toPublicStatus(await evaluated(name));
    const text = JSON.stringify(model);
    for (const word of internalWords(name)) expect(text, word).not.toContain(word);
    expect(text).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b|\/dev\/|\/mnt\//);
    expect(STATUS_WORDS).toContain(model.status);
    expect(Object.keys(model).sort()).toEqual(["components", "status", "updatedAt"]);
  });

  it.each([
    ["healthy-3-node", "Operational", {}],
    ["drbd9-split-brain", "Outage", { drbd: "Outage" }],
    ["two-node-qdevice-qnetd-down", "Degraded", { quorum: "Degraded" }],
    ["ocfs2-read-only", "Outage", { ocfs2: "Outage" }],
    ["api-unreachable", "Unknown", { nodes: "Unknown" }],
  ] as const)("%s → %s", async (name, overall, components) => {
    const model = toPublicStatus(await evaluated(name));
    expect(model.status).toBe(overall);
    const byId = Object.fromEntries(model.components.map((c) => [c.id, c.status]));
    expect(byId).toMatchObject(components);
  });

  it("shows DRBD and OCFS2 only where the cluster has them", async () => {
    const plain = toPublicStatus(await evaluated("healthy-3-node"));
    expect(plain.components.map((c) => c.name)).toEqual(
      expect.arrayContaining(["Cluster quorum", "Node availability"]),
    );
    expect(plain.components.map((c) => c.id)).not.toContain("ocfs2");
    const ocfs2 = toPublicStatus(await evaluated("ocfs2-healthy"));
    expect(ocfs2.components.find((c) => c.id === "ocfs2")?.status).toBe("Operational");
  });

  it("is Unknown, never Operational, once every source is stale", async () => {
    const model = toPublicStatus(
      await evaluated("healthy-3-node", (s) => ({
        ...s,
        nowMs: s.nowMs + 3 * SCENARIO_INTERVAL_MS + 1,
      })),
    );
    expect(model.status).toBe("Unknown");
    expect(model.components.find((c) => c.id === "quorum")?.status).toBe("Unknown");
  });
});

describe("public page model", () => {
  const empty = {
    days: [],
    windows: { "24h": none(), "7d": none(), "30d": none(), "90d": none() },
  };
  function none() {
    return { Operational: 0, Degraded: 0, Outage: 0, Unknown: 0, Maintenance: 0, NoData: 0 };
  }
  const page = { id: "p", title: "Platform", showNames: false };

  it("shows a finding inside a maintenance window as Maintenance", async () => {
    const view = await evaluated("drbd9-split-brain");
    const model = toPublicPage({
      page,
      clusters: [{ id: "c1", name: "One", view, history: { drbd: empty } }],
      incidents: [],
      maintenance: [
        {
          id: 1,
          clusterId: "c1",
          componentIds: ["drbd"],
          title: "DRBD upgrade",
          body: "",
          startsAtMs: T0 - 60_000,
          endsAtMs: T0 + 60_000,
        },
      ],
      nowMs: T0,
    });
    expect(model.groups[0]!.components.find((c) => c.id === "drbd")?.status).toBe("Maintenance");
    expect(model.maintenance[0]?.state).toBe("in-progress");
    expect(model.groups[0]!.name).toBeNull();
  });

  it("is Unknown for a cluster not polled yet, and names each cluster on a page of several", async () => {
    const model = toPublicPage({
      page,
      clusters: [
        { id: "a", name: "Alpha", view: await evaluated("healthy-3-node"), history: {} },
        { id: "b", name: "Beta", view: null, history: {} },
      ],
      incidents: [],
      maintenance: [],
      nowMs: T0,
    });
    expect(model.groups.map((g) => [g.name, g.status])).toEqual([
      ["Alpha", "Operational"],
      ["Beta", "Unknown"],
    ]);
    expect(model.status).toBe("Unknown");
    expect(model.updatedAt).toBeNull();
    expect(model.groups[1]!.components.map((c) => c.key)).toEqual(["b.quorum", "b.nodes"]);
  });

  it("lists incidents of the last 90 days and open ones, newest first", async () => {
    const incident = (id: number, startedAtMs: number, resolvedAtMs: number | null) => ({
      id,
      clusterId: "c1",
      componentId: "quorum" as const,
      impact: "outage" as const,
      status: resolvedAtMs === null ? ("investigating" as const) : ("resolved" as const),
      title: `Incident ${id}`,
      startedAtMs,
      resolvedAtMs,
      postmortem: null,
      updates: [],
    });
    const day = 86_400_000;
    const model = toPublicPage({
      page,
      clusters: [{ id: "c1", name: "One", view: await evaluated("healthy-3-node"), history: {} }],
      incidents: [
        incident(1, T0 - 100 * day, T0 - 95 * day),
        incident(2, T0 - 100 * day, null),
        incident(3, T0 - 2 * day, T0 - day),
      ],
      maintenance: [],
      nowMs: T0,
    });
    expect(model.incidents.map((i) => [i.id, i.components])).toEqual([
      [3, ["Cluster quorum"]],
      [2, ["Cluster quorum"]],
    ]);
  });

  it.each([
    [1, "100.00 %"],
    [0.99999, "99.99 %"],
    [0.5, "50.00 %"],
    [null, "no data"],
  ])("uptime %s reads %s, never rounded up to 100 %%", (ratio, text) => {
    expect(uptimeText(ratio)).toBe(text);
  });
});
