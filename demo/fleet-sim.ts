import { mkdtempSync, rmSync } from "node:fs";
import type { Server as HttpServer, IncomingMessage } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectReport } from "@/agent/collect";
import { createAgentServer } from "@/agent/server";
import { rootReader } from "@/agent/sources/root";
import type { DashboardConfigInput } from "@/lib/config/schema";
import { ensureSelfSignedCert } from "./certs";
import { type ClusterSpec, clusterNodes, writeClusterScenario } from "./generate-cluster";
import { createPveSim, scenarioDataSource } from "./pve-sim";

const TOKEN_ID = "tiebreaker@pve!dashboard";
const SECRET = "5c1f0e2d-8a7b-4c6d-9e0f-a1b2c3d4e5f6";
export const FLEET_AGENT_TOKEN = "fleet-agent-token-0123456789abcdef";

/** Which way a simulated cluster is unwell, so a fleet shows every state word. */
export type FleetCase = "healthy" | "node-down" | "resync" | "quorum-lost";

export interface FleetClusterSpec {
  id: string;
  nodes: number;
  case: FleetCase;
}

/**
 * `count` clusters of 4 to 16 nodes, cycling through healthy, one node down, replicas resyncing
 * and quorum lost (half the nodes down), with four DRBD resources per node.
 */
export function fleetSpecs(count: number): FleetClusterSpec[] {
  const cases: FleetCase[] = ["healthy", "node-down", "resync", "healthy", "quorum-lost"];
  return Array.from({ length: count }, (_, i) => ({
    id: `site-${String(i + 1).padStart(2, "0")}`,
    nodes: count === 1 ? 4 : 4 + Math.round((i * 12) / (count - 1)),
    case: cases[i % cases.length]!,
  }));
}

function scenarioSpec(c: FleetClusterSpec, index: number): ClusterSpec {
  const names = clusterNodes(c.nodes).map((n) => n.name);
  const down =
    c.case === "node-down"
      ? [names[names.length - 1]!]
      : c.case === "quorum-lost"
        ? names.slice(Math.floor(names.length / 2))
        : [];
  return {
    name: c.id,
    title: `${c.nodes} nodes, ${c.case}`,
    description: `A simulated fleet member: ${c.nodes} nodes, ${c.case}.`,
    clusterName: c.id,
    nodes: c.nodes,
    resources: c.nodes * 4,
    down,
    resyncing: c.case === "resync" ? { node: "pve02", done: ["31.50", "74.20"] } : null,
    redundancy: 2,
    controller: null,
    seed: 1_000 + index,
    kernel: "6.8.12-4-pve",
    date: "Mon Nov 30 07:59:41 2026",
  };
}

export interface FleetSim {
  /** The dashboard config's clusters for this fleet, agents' token in `FLEET_AGENT_TOKEN`. */
  config: DashboardConfigInput;
  env: Record<string, string>;
  specs: FleetClusterSpec[];
  /** From now on this cluster's API accepts requests and never answers them. */
  hang(clusterId: string): void;
  /** How many API requests each cluster's simulated API has answered. */
  apiRequests(clusterId: string): number;
  /** How many requests a hung cluster's API holds open right now. */
  heldRequests(clusterId: string): number;
  close(): Promise<void>;
}

const listen = (server: HttpServer | HttpsServer) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );

/**
 * A fleet of simulated clusters on loopback: per cluster a scenario folder written by the
 * generator, a simulated Proxmox API and one agent per node serving that folder.
 */
export async function startFleetSim(
  specs: FleetClusterSpec[],
  options: { intervalMs?: number; apiTimeoutMs?: number; agentTimeoutMs?: number } = {},
): Promise<FleetSim> {
  const dir = mkdtempSync(path.join(tmpdir(), "tb-fleet-"));
  const cert = ensureSelfSignedCert(dir, "pve", "pve");
  const servers: (HttpServer | HttpsServer)[] = [];
  const hung = new Set<string>();
  const requests = new Map<string, number>();
  const held = new Map<string, number>();
  const clusters: DashboardConfigInput["clusters"] = [];
  for (const [index, spec] of specs.entries()) {
    const scenario = path.join(dir, spec.id);
    const generated = scenarioSpec(spec, index);
    writeClusterScenario(scenario, generated);
    const nodes: { name: string; agentUrl: string }[] = [];
    for (const node of clusterNodes(spec.nodes)) {
      const down = generated.down.includes(node.name);
      // Read once on first request, with a deadline no loaded machine misses; the folder never changes.
      let collected: ReturnType<typeof collectReport> | null = null;
      const collect = () =>
        (collected ??= collectReport(
          rootReader(path.join(scenario, "nodes", node.name), {
            timeoutMs: 60_000,
            maxOutputBytes: 1 << 20,
          }),
        ));
      const agent = createAgentServer({
        // One collection served with the time of each request keeps hundreds of simulated agents
        // from starving the process that polls them.
        report: async () => {
          const report = await collect();
          const now = Date.now();
          return {
            ...report,
            collectedAt: new Date(now).toISOString(),
            clock: { ...report.clock, epochMs: now + (report.clock.offsetMs ?? 0) },
          };
        },
        reportTokens: [FLEET_AGENT_TOKEN],
        metricsTokens: [],
        // A powered-off node refuses at once here, so a test is not held by its deadline.
        fault: () => Promise.resolve(down ? "refused" : null),
      });
      servers.push(agent);
      nodes.push({ name: node.name, agentUrl: `http://127.0.0.1:${await listen(agent)}` });
    }
    const source = scenarioDataSource(
      () => scenario,
      () => "127.0.0.1",
    );
    const pve = createPveSim({
      source: {
        read: (p) => {
          requests.set(spec.id, (requests.get(spec.id) ?? 0) + 1);
          return source.read(p);
        },
        fault: () => (hung.has(spec.id) ? "timeout" : null),
      },
      tokenId: TOKEN_ID,
      tokenSecret: SECRET,
      cert,
      wrongCert: cert,
    });
    pve.on("request", (req: IncomingMessage) => {
      if (!hung.has(spec.id)) return;
      held.set(spec.id, (held.get(spec.id) ?? 0) + 1);
      req.socket.once("close", () => held.set(spec.id, held.get(spec.id)! - 1));
    });
    servers.push(pve);
    const port = await listen(pve);
    clusters.push({
      id: spec.id,
      name: `Site ${index + 1}`,
      proxmox: {
        urls: [`https://127.0.0.1:${port}`],
        tokenId: TOKEN_ID,
        tokenSecret: SECRET,
        fingerprint: cert.fingerprint256,
        ...(options.apiTimeoutMs ? { timeoutMs: options.apiTimeoutMs } : {}),
      },
      agents: {
        urlTemplate: "http://127.0.0.1:9",
        tokenEnv: "FLEET_AGENT_TOKEN",
        ...(options.agentTimeoutMs ? { timeoutMs: options.agentTimeoutMs } : {}),
      },
      nodes,
      intervalMs: options.intervalMs ?? 5_000,
    });
  }
  return {
    config: { clusters },
    env: { FLEET_AGENT_TOKEN },
    specs,
    hang: (id) => hung.add(id),
    apiRequests: (id) => requests.get(id) ?? 0,
    heldRequests: (id) => held.get(id) ?? 0,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
