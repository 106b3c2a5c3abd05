import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCENARIO_INTERVAL_MS } from "@/replay/load";
import { STATUS_WORDS, toPublicStatus } from "./public-status";
import { evaluated, scenariosDir } from "./test-helpers";

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
