import { cpSync, mkdtempSync, rmSync } from "node:fs";
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
import { ChangeWatcher } from "@/agent/watch";
import { ensureSelfSignedCert } from "@/demo/certs";
import { createPveSim, scenarioDataSource } from "@/demo/pve-sim";
import { resolveConfig } from "@/lib/config/load";
import { ClusterCollector, type ClusterView } from "./cluster-collector";

// A copy of the scenario, so the test can cut a link by rewriting one node's files.
const source = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../scenarios/corosync-two-links-healthy",
);
const cut = path.resolve(source, "../corosync-link-down-one-node");
const SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const AGENT_TOKEN = "agent-token-0123456789abcdef";
const LIMITS = { timeoutMs: 2_000, maxOutputBytes: 1 << 20 };
let dir: string;
let scenario: string;
let pve: Server;
const agents: HttpServer[] = [];
const watchers: ChangeWatcher[] = [];
let collector: ClusterCollector;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tb-agent-events-"));
  scenario = path.join(dir, "scenario");
  cpSync(source, scenario, { recursive: true });
  const cert = ensureSelfSignedCert(dir, "pve", "pve");
  const nodes: { name: string; agentUrl: string }[] = [];
  for (const node of ["pve1", "pve2", "pve3"]) {
    const reader = rootReader(path.join(scenario, "nodes", node), LIMITS);
    const watcher = new ChangeWatcher(reader, 50).start();
    watchers.push(watcher);
    const server = createAgentServer({
      report: () => collectReport(reader),
      changes: watcher,
      reportTokens: [AGENT_TOKEN],
      metricsTokens: [],
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    nodes.push({
      name: node,
      agentUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
    agents.push(server);
  }
  const data = scenarioDataSource(
    () => scenario,
    () => "127.0.0.1",
  );
  pve = createPveSim({
    source: data,
    tokenId: "tiebreaker@pve!dashboard",
    tokenSecret: SECRET,
    cert,
    wrongCert: cert,
  });
  await new Promise<void>((resolve) => pve.listen(0, "127.0.0.1", resolve));
  const config = resolveConfig(
    {
      clusters: [
        {
          id: "lab",
          proxmox: {
            urls: [`https://127.0.0.1:${(pve.address() as AddressInfo).port}`],
            tokenId: "tiebreaker@pve!dashboard",
            tokenSecret: SECRET,
            fingerprint: cert.fingerprint256,
          },
          agents: { urlTemplate: "http://127.0.0.1:{nodeid}", tokenEnv: "AGENT_TOKEN" },
          nodes,
          // Far longer than the test: only a pushed change can show the cut in time.
          intervalMs: 120_000,
        },
      ],
    },
    { AGENT_TOKEN },
  );
  collector = new ClusterCollector(config.clusters[0]!, config.thresholds);
});

afterAll(() => {
  collector?.stop();
  for (const watcher of watchers) watcher.stop();
  for (const server of agents) {
    server.closeAllConnections();
    server.close();
  }
  pve.closeAllConnections();
  pve.close();
  rmSync(dir, { recursive: true, force: true });
});

function nextView(check: (view: ClusterView) => boolean, ms: number): Promise<ClusterView> {
  return new Promise((resolve, reject) => {
    const current = collector.current();
    if (current && check(current)) return resolve(current);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching view within ${ms} ms`));
    }, ms);
    const off = collector.onUpdate((view) => {
      if (!check(view)) return;
      clearTimeout(timer);
      off();
      resolve(view);
    });
  });
}

const linkDown = (view: ClusterView) =>
  view.findings.some((f) => f.rule === "corosync.link-down" && f.subject === "node:pve2");

describe("changes pushed by the agents", () => {
  it("a link cut shows in the view within a second, long before the next scheduled poll", async () => {
    collector.start();
    await nextView((v) => v.snapshot.nodes.filter((n) => n.agent.fresh).length === 3, 10_000);
    expect(linkDown(collector.current()!)).toBe(false);
    // Wait until every agent's event stream is open: each open triggers one look.
    await new Promise((r) => setTimeout(r, 500));

    const started = Date.now();
    for (const node of ["pve1", "pve2", "pve3"]) {
      for (const file of ["corosync-cfgtool.txt", "corosync-cmapctl-stats.txt"]) {
        cpSync(path.join(cut, "nodes", node, file), path.join(scenario, "nodes", node, file));
      }
    }
    const view = await nextView(linkDown, 3_000);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(view.findings.find((f) => f.rule === "corosync.link-down")?.title).toBe(
      "pve2's corosync link 1 is down",
    );
  });

  it("a membership change also asks the API again: the view does not keep an older quorate answer", async () => {
    const before = collector.current()!.snapshot.api.fetchedAt;
    const started = Date.now();
    cpSync(
      path.resolve(
        source,
        "../node-down-and-back-timeline/node-down/nodes/pve1/corosync-quorumtool.txt",
      ),
      path.join(scenario, "nodes", "pve1", "corosync-quorumtool.txt"),
    );
    const view = await nextView((v) => v.snapshot.api.fetchedAt !== before, 3_000);
    expect(Date.now() - started).toBeLessThan(1_500);
    const corosync = view.snapshot.nodes.find((n) => n.name === "pve1")?.agent.data?.sections
      .corosync;
    expect(corosync?.status === "ok" && corosync.data.members).toHaveLength(2);
  });
});
