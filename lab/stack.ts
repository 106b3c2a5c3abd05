import type { ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import type { Server as HttpsServer } from "node:https";
import path from "node:path";
import { ensureSelfSignedCert } from "@/demo/certs";
import { DEMO_TOKEN_ID, freshHistoryFile, makeSecrets, startDashboard } from "@/demo/dashboard";
import { stopChild, waitForHttp } from "@/demo/processes";
import { createPveSim } from "@/demo/pve-sim";
import type { DashboardConfigInput } from "@/lib/config/schema";
import { type Lab, startLab } from "./lab";
import { labPveSource } from "./pve-source";
import { installQdevicePackage, QDEVICE_TOOL_PATH, removeQdevicePackage } from "./qdevice-package";

export interface LabStackOptions {
  projectDir: string;
  nodes: 2 | 3;
  qdevice: boolean;
  prefix?: string;
  dashboardPort: number;
  /** The simulated API for node i listens on pvePort + i. */
  pvePort: number;
  controlPort: number | null;
  agentPort: number;
  intervalMs: number;
  agentCacheMs: number;
  startDashboard: boolean;
}

export interface LabStack {
  lab: Lab;
  dashboardUrl: string;
  agentUrl(node: string): string;
  agentToken: string;
  /** Signs in at /admin/login on the lab's dashboard (also in <work dir>/admin-token). */
  adminToken: string;
  stop(): Promise<void>;
}

const CLUSTER_NAME = "tblab";

/**
 * A real corosync cluster in namespaces, the agent inside each node's namespaces, one simulated
 * Proxmox API per node speaking for that node, and the dashboard on the host watching them.
 */
export async function startLabStack(options: LabStackOptions): Promise<LabStack> {
  const lab = await startLab({
    nodes: options.nodes,
    qdevice: options.qdevice,
    prefix: options.prefix,
  });
  const servers: (HttpsServer | Server)[] = [];
  let dashboard: ChildProcess | null = null;
  try {
    // Not under the lab's state dir: each node mounts its own tmpfs over /run, which would hide it.
    const workDir = path.join(options.projectDir, ".tiebreaker", "lab", options.prefix ?? "tb");
    mkdirSync(workDir, { recursive: true });
    const secrets = makeSecrets(workDir);
    const agentConfig = path.join(workDir, "agent.json");
    writeFileSync(
      agentConfig,
      JSON.stringify({
        cacheMs: options.agentCacheMs,
        timeoutMs: 2_000,
        tools: { "corosync-qdevice-tool": QDEVICE_TOOL_PATH },
      }),
    );
    // A lab started with a QDevice has the package on every node; without one, none has it yet.
    if (options.qdevice) for (const node of lab.nodes) await installQdevicePackage(lab, node.name);
    const bundle = path.join(options.projectDir, "agent/dist/tiebreaker-agent.cjs");
    for (const node of lab.nodes) {
      lab.spawnInNode(
        node.name,
        process.execPath,
        [
          bundle,
          "serve",
          "--config",
          agentConfig,
          "--node-name",
          node.name,
          "--listen",
          `${node.ip}:${options.agentPort}`,
          "--token-file",
          secrets.agentTokenFile,
        ],
        { logFile: path.join(lab.stateDir, "logs", `agent-${node.name}.log`) },
      );
    }
    await Promise.all(
      lab.nodes.map((n) =>
        waitForHttp(`http://${n.ip}:${options.agentPort}/healthz`, 15_000, `agent on ${n.name}`),
      ),
    );

    const cert = ensureSelfSignedCert(path.join(workDir, "certs"), "pve", "pve-lab");
    for (const [i, node] of lab.nodes.entries()) {
      const sim = createPveSim({
        source: labPveSource(lab, node.name, CLUSTER_NAME),
        tokenId: DEMO_TOKEN_ID,
        tokenSecret: secrets.pveToken,
        cert,
        wrongCert: cert,
      });
      await new Promise<void>((resolve) => sim.listen(options.pvePort + i, "127.0.0.1", resolve));
      servers.push(sim);
    }

    if (options.controlPort !== null) servers.push(await startControl(lab, options.controlPort));

    const config: DashboardConfigInput = {
      clusters: [
        {
          id: "lab",
          name: `Lab cluster (real corosync, ${options.nodes} nodes)`,
          proxmox: {
            urls: lab.nodes.map((_, i) => `https://127.0.0.1:${options.pvePort + i}`),
            tokenId: DEMO_TOKEN_ID,
            tokenSecretFile: secrets.pveTokenFile,
            fingerprint: cert.fingerprint256,
            timeoutMs: 2_000,
          },
          agents: {
            urlTemplate: `http://{ip}:${options.agentPort}`,
            tokenFile: secrets.agentTokenFile,
            timeoutMs: 1_500,
          },
          nodes: lab.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, ip: n.ip })),
          intervalMs: options.intervalMs,
        },
      ],
      admins: [{ name: "lab-admin", tokenFile: secrets.adminTokenFile }],
      // A lab on loopback: anyone may look; changes need the admin.
      access: { mode: "open" },
      history: { sqlitePath: freshHistoryFile(workDir) },
    };
    const configFile = path.join(workDir, "dashboard.json");
    writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
    let dashboardUrl = `http://127.0.0.1:${options.dashboardPort}`;
    if (options.startDashboard) {
      ({ child: dashboard, url: dashboardUrl } = await startDashboard({
        projectDir: options.projectDir,
        port: options.dashboardPort,
        configFile,
      }));
    }
    return {
      lab,
      dashboardUrl,
      agentToken: secrets.agentToken,
      adminToken: secrets.adminToken,
      agentUrl: (name) =>
        `http://${lab.nodes.find((n) => n.name === name)!.ip}:${options.agentPort}`,
      async stop() {
        if (dashboard) await stopChild(dashboard);
        for (const server of servers) {
          if ("closeAllConnections" in server) server.closeAllConnections();
          server.close();
        }
        await lab.teardown();
      },
    };
  } catch (err) {
    if (dashboard) await stopChild(dashboard);
    for (const server of servers) server.close();
    await lab.teardown();
    throw err;
  }
}

/** Every node, or the one named. */
function nodesOf(lab: Lab, node: string | undefined): string[] {
  return node ? [node] : lab.nodes.map((n) => n.name);
}

/**
 * Loopback control for tests and people: cut and heal links, stop qnetd, lower expected votes, and
 * the QDevice setup and removal one admin step at a time (docs/qdevice-wizard.md maps them to pvecm).
 */
async function startControl(lab: Lab, port: number): Promise<Server> {
  const install = async (node?: string) => {
    for (const name of nodesOf(lab, node)) await installQdevicePackage(lab, name);
  };
  const actions: Record<string, (body: { node?: string; votes?: number }) => Promise<void>> = {
    "/cut": ({ node }) => lab.cutLink(node ?? "pve2"),
    "/heal": ({ node }) => lab.healLink(node ?? "pve2"),
    "/qnetd/stop": () => lab.stopQnetd(),
    "/qnetd/start": () => lab.startQnetd(),
    "/qdevice/enable": async () => {
      await install();
      await lab.enableQdevice();
    },
    "/qnetd/host/start": () => lab.startQnetdHost(),
    "/qnetd/block": () => lab.blockQnetdPort(),
    "/qnetd/unblock": () => lab.unblockQnetdPort(),
    "/qdevice/install": ({ node }) => install(node),
    "/qdevice/uninstall": async ({ node }) => {
      for (const name of nodesOf(lab, node)) await removeQdevicePackage(lab, name);
    },
    "/qdevice/configure": () => lab.addQdeviceConfig(),
    "/qdevice/start": () => lab.startQdevices(),
    "/qdevice/remove": () => lab.removeQdevice(),
    "/expected": ({ node, votes }) => lab.setExpected(node ?? "pve1", votes ?? 1),
  };
  const server = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const reply = (status: number, value: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(value));
      };
      const action = req.method === "POST" ? actions[req.url ?? ""] : undefined;
      if (req.method === "GET" && req.url === "/state") {
        reply(200, {
          nodes: lab.nodes.map((n) => ({ name: n.name, ip: n.ip })),
          qnetd: lab.qnetdIp,
          qnetdAddress: lab.qnetdAddress,
        });
        return;
      }
      if (!action) {
        reply(404, { error: "not found", actions: Object.keys(actions) });
        return;
      }
      let parsed: { node?: string; votes?: number } = {};
      try {
        parsed = body ? (JSON.parse(body) as typeof parsed) : {};
      } catch {
        reply(400, { error: "body must be JSON" });
        return;
      }
      action(parsed).then(
        () => reply(200, { ok: true, at: new Date().toISOString() }),
        (err: unknown) => reply(500, { error: err instanceof Error ? err.message : String(err) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}
