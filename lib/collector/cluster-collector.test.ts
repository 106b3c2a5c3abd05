import { mkdtempSync, rmSync } from "node:fs";
import type { Server as HttpServer } from "node:http";
import type { Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectReport } from "@/agent/collect";
import { createAgentServer } from "@/agent/server";
import { rootReader } from "@/agent/sources/root";
import { ensureSelfSignedCert } from "@/demo/certs";
import { createPveSim, scenarioDataSource } from "@/demo/pve-sim";
import { resolveConfig } from "@/lib/config/load";
import { clusterState } from "@/lib/surfaces/cluster-state";
import { ClusterCollector } from "./cluster-collector";

const scenario = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../scenarios/two-node-qdevice-qnetd-down",
);
const SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const AGENT_TOKEN = "agent-token-0123456789abcdef";
let dir: string;
let pve: Server;
const agents: HttpServer[] = [];
const calls = { pve: 0, agents: 0 };
let agentDown = false;
let agentHangs = false;
let clock = Date.parse("2026-11-22T10:00:00Z");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tb-collector-"));
  const cert = ensureSelfSignedCert(dir, "pve", "pve");
  const ports = new Map<string, number>();
  for (const node of ["pve1", "pve2"]) {
    const server = createAgentServer({
      report: () => {
        calls.agents++;
        return collectReport(
          rootReader(path.join(scenario, "nodes", node), {
            timeoutMs: 2_000,
            maxOutputBytes: 1 << 20,
          }),
        );
      },
      reportTokens: [AGENT_TOKEN],
      metricsTokens: [],
      fault: () =>
        Promise.resolve(
          node === "pve2" && agentDown
            ? "refused"
            : node === "pve2" && agentHangs
              ? "timeout"
              : null,
        ),
      hangMs: 5_000,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    ports.set(node, (server.address() as AddressInfo).port);
    agents.push(server);
  }
  const source = scenarioDataSource(
    () => scenario,
    () => "127.0.0.1",
  );
  pve = createPveSim({
    source: { read: (p) => (calls.pve++, source.read(p)), fault: () => null },
    tokenId: "tiebreaker@pve!dashboard",
    tokenSecret: SECRET,
    cert,
    wrongCert: cert,
  });
  await new Promise<void>((resolve) => pve.listen(0, "127.0.0.1", resolve));
  const port = (pve.address() as AddressInfo).port;
  collectorConfig = resolveConfig(
    {
      clusters: [
        {
          id: "lab",
          proxmox: {
            urls: [`https://127.0.0.1:${port}`],
            tokenId: "tiebreaker@pve!dashboard",
            tokenSecret: SECRET,
            fingerprint: cert.fingerprint256,
          },
          agents: { urlTemplate: "http://127.0.0.1:{nodeid}", tokenEnv: "AGENT_TOKEN" },
          nodes: [
            { name: "pve1", agentUrl: `http://127.0.0.1:${ports.get("pve1")}` },
            { name: "pve2", agentUrl: `http://127.0.0.1:${ports.get("pve2")}` },
          ],
          intervalMs: 1_000,
        },
      ],
    },
    { AGENT_TOKEN },
  );
});

let collectorConfig: ReturnType<typeof resolveConfig>;

afterAll(() => {
  for (const server of agents) server.close();
  pve.closeAllConnections();
  pve.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("cluster collector", () => {
  it("polls the API and every agent once per poll, and viewers reading the view cost nothing upstream", async () => {
    const collector = new ClusterCollector(
      collectorConfig.clusters[0]!,
      collectorConfig.thresholds,
      () => clock,
    );
    const view = await collector.poll();
    const after = { ...calls };
    for (let i = 0; i < 100; i++) expect(collector.current()).toBe(view);
    expect(calls).toEqual(after);
    expect(after.agents).toBe(2);
    expect(view.summary).toMatchObject({ quorate: true, qdevice: "not-voting" });
    expect(view.findings.map((f) => f.rule)).toContain("quorum.qdevice-not-voting");
  });

  it("keeps a failed agent's last report with its age, then calls it unknown after three intervals", async () => {
    const collector = new ClusterCollector(
      collectorConfig.clusters[0]!,
      collectorConfig.thresholds,
      () => clock,
    );
    await collector.poll();
    agentDown = true;
    clock += 1_500;
    let view = await collector.poll();
    let pve2 = view.snapshot.nodes.find((n) => n.name === "pve2")!;
    expect(pve2.agent).toMatchObject({ fresh: true, ageMs: 1_500 });
    expect(pve2.agent.error?.kind).toBe("network");
    expect(view.findings.map((f) => `${f.rule} ${f.subject}`)).toContain(
      "node.unreachable node:pve2",
    );

    clock += 2_000;
    view = await collector.poll();
    pve2 = view.snapshot.nodes.find((n) => n.name === "pve2")!;
    expect(pve2.agent.fresh).toBe(false);
    expect(pve2.agent.data).not.toBeNull();
    expect(view.findings.map((f) => `${f.rule} ${f.subject}`)).toContain("data.stale node:pve2");
    agentDown = false;
  });

  it("keeps polling every other source on schedule while one agent waits out its deadline", async () => {
    agentHangs = true;
    const collector = new ClusterCollector(
      collectorConfig.clusters[0]!,
      collectorConfig.thresholds,
    );
    const seen = new Promise<number>((resolve) => {
      const off = collector.onUpdate((view) => {
        const pve1 = view.snapshot.nodes.find((n) => n.name === "pve1");
        if (view.snapshot.api.fresh && pve1?.agent.fresh && view.polls >= 4) {
          off();
          resolve(view.polls);
        }
      });
    });
    collector.start();
    try {
      await seen;
      const pve2 = collector.current()!.snapshot.nodes.find((n) => n.name === "pve2")!;
      // pve2's request is still waiting for its 3 s deadline, yet pve1 and the API were read repeatedly.
      expect(pve2.agent).toMatchObject({ data: null, error: null });
      // Until it answers or fails, pve2 is unknown, so the cluster is never shown as fine.
      const view = collector.current()!;
      expect(view.findings.map((f) => `${f.rule} ${f.subject}`)).toContain("data.stale node:pve2");
      expect(clusterState(view)).not.toBe("OK");
    } finally {
      collector.stop();
      agentHangs = false;
    }
  });
});
