import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { Server as HttpsServer } from "node:https";
import path from "node:path";
import type { DashboardConfigInput } from "@/lib/config/schema";
import type { DemoControlState, DemoSwitchResult } from "@/lib/demo/control";
import { ensureSelfSignedCert } from "./certs";
import { DEMO_TOKEN_ID, freshHistoryFile, makeSecrets, startDashboard } from "./dashboard";
import { listenOn } from "./ports";
import { startAndWait, stopChild } from "./processes";
import { linstorHandler } from "./linstor-sim";
import { createPveSim, scenarioDataSource } from "./pve-sim";
import {
  agentNodes,
  applyStep,
  findScenario,
  materializeBase,
  nodeAddresses,
  type ScenarioEntry,
} from "./scenario-files";

export interface DemoStackOptions {
  projectDir: string;
  agentBundle: string;
  /** Every scenario the demo may show, built-in and extra; names are unique. */
  scenarios: readonly ScenarioEntry[];
  workDir: string;
  initialScenario: string;
  dashboardPort: number;
  pvePort: number;
  controlPort: number;
  agentPort: number;
  intervalMs: number;
  /** 2 plays timelines twice as fast. */
  timeScale: number;
  startDashboard: boolean;
}

export interface DemoStack {
  dashboardUrl: string;
  configFile: string;
  /** The demo dashboard's admin token (sign in at /admin/login). */
  adminToken: string;
  /** The demo wall's display key (pair a screen at /wall/pair?code=<key>). */
  displayKey: string;
  switchScenario(name: string): Promise<DemoSwitchResult>;
  stop(): Promise<void>;
}

function nodeIdOf(dir: string, name: string): number | null {
  const status = path.join(dir, "pve", "cluster", "status.json");
  if (!existsSync(status)) return null;
  try {
    const entry = (
      JSON.parse(readFileSync(status, "utf8")) as { name?: string; nodeid?: number }[]
    ).find((e) => e.name === name);
    return typeof entry?.nodeid === "number" ? entry.nodeid : null;
  } catch {
    return null;
  }
}

function closeServer(server: Server | HttpsServer): Promise<void> {
  if (!server.listening) return Promise.resolve();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

/**
 * Starts the simulated API, the demo control, one agent per node and the dashboard, in that
 * order. When any of them cannot start, whatever already runs is stopped before the error is thrown.
 */
export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const { workDir } = options;
  mkdirSync(workDir, { recursive: true });
  const current = path.join(workDir, "current");
  const { pveToken, pveTokenFile, agentTokenFile, adminToken, adminTokenFile } =
    makeSecrets(workDir);
  // The wall's display key, and the secret that keeps a paired wall paired across restarts.
  const displayKey = randomBytes(18).toString("base64url");
  const displayKeyFile = path.join(workDir, "display-key");
  writeFileSync(displayKeyFile, `${displayKey}\n`, { mode: 0o600 });
  const sessionSecretFile = path.join(workDir, "session-secret");
  writeFileSync(sessionSecretFile, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
  const agentConfigFile = path.join(workDir, "agent.json");
  writeFileSync(agentConfigFile, JSON.stringify({ cacheMs: 500, timeoutMs: 2_000 }));
  const cert = ensureSelfSignedCert(path.join(workDir, "certs"), "pve", "pve-demo");
  const wrongCert = ensureSelfSignedCert(path.join(workDir, "certs"), "impostor", "impostor");

  let scenario = findScenario(options.scenarios, options.initialScenario);
  let startedAt = Date.now();
  let applied: string[] = [];
  let ips = new Map<string, string>();
  let agents: ChildProcess[] = [];
  let dashboard: ChildProcess | null = null;

  const pve = createPveSim({
    source: scenarioDataSource(
      () => current,
      (name) => ips.get(name) ?? null,
    ),
    tokenId: DEMO_TOKEN_ID,
    tokenSecret: pveToken,
    cert,
    wrongCert,
  });

  const hints = () =>
    [...ips.entries()].map(([name, ip]) => ({ name, nodeId: nodeIdOf(current, name), ip }));

  let agentStartMs = 10_000;

  async function startAgents(): Promise<void> {
    await Promise.all(agents.map((a) => stopChild(a)));
    ips = nodeAddresses(current);
    const names = agentNodes(current);
    // Every agent starts at once: on a small machine a large generated cluster needs the time.
    agentStartMs = Math.max(10_000, names.length * 500);
    const started = await Promise.allSettled(
      names.map((name) => {
        const ip = ips.get(name)!;
        return startAndWait(
          process.execPath,
          [
            options.agentBundle,
            "serve",
            "--config",
            agentConfigFile,
            "--root",
            path.join(current, "nodes", name),
            "--listen",
            `${ip}:${options.agentPort}`,
            "--token-file",
            agentTokenFile,
          ],
          {
            readyUrl: `http://${ip}:${options.agentPort}/healthz`,
            timeoutMs: agentStartMs,
            what: `the agent for ${name}`,
            claim: {
              host: ip,
              port: options.agentPort,
              flag: "--agent-port",
              what: "a node agent",
            },
            stdout: "ignore",
          },
        );
      }),
    );
    agents = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  }

  async function load(name: string): Promise<DemoSwitchResult> {
    scenario = findScenario(options.scenarios, name);
    materializeBase(scenario.dir, current);
    applied = [];
    startedAt = Date.now();
    pve.refreshFault();
    await startAgents();
    return { scenario: name, nodes: hints(), linstor: existsSync(path.join(current, "linstor")) };
  }

  const timeline = setInterval(() => {
    const elapsed = ((Date.now() - startedAt) * options.timeScale) / 1000;
    for (const step of scenario.meta.timeline ?? []) {
      if (applied.includes(step.apply) || step.atSeconds > elapsed) continue;
      applyStep(path.join(scenario.dir, step.apply), current);
      applied.push(step.apply);
      pve.refreshFault();
    }
  }, 200);

  // The scenario's linstor/ files, served under /linstor on the control port.
  const linstorSim = linstorHandler({ scenarioDir: () => current }, "/linstor");

  const control: Server = createServer((req, res) => {
    if (req.url?.startsWith("/linstor/")) {
      linstorSim(req, res);
      return;
    }
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/state") {
      const state: DemoControlState = {
        current: scenario.meta.name,
        startedAt: new Date(startedAt).toISOString(),
        appliedSteps: applied,
        scenarios: options.scenarios.map((s) => ({
          name: s.meta.name,
          title: s.meta.title,
          timeline: (s.meta.timeline?.length ?? 0) > 0,
          extra: s.extra,
        })),
      };
      reply(200, state);
      return;
    }
    // Requests the simulated API has served, so a benchmark can compare viewers with upstream load.
    if (req.method === "GET" && req.url === "/upstream") {
      reply(200, { pveRequests: pve.requests() });
      return;
    }
    if (req.method === "POST" && req.url === "/switch") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        let name = "";
        try {
          name = (JSON.parse(body || "{}") as { scenario?: string }).scenario ?? "";
        } catch {
          reply(400, { error: "the body is not JSON" });
          return;
        }
        if (!options.scenarios.some((s) => s.meta.name === name)) {
          reply(404, { error: `no scenario "${name}"` });
          return;
        }
        load(name).then(
          (result) => reply(200, result),
          (err: unknown) => reply(500, { error: String(err) }),
        );
      });
      return;
    }
    reply(404, { error: "not found" });
  });

  async function stop(): Promise<void> {
    clearInterval(timeline);
    await Promise.all([...agents, ...(dashboard ? [dashboard] : [])].map((c) => stopChild(c)));
    await Promise.all([closeServer(control), closeServer(pve)]);
  }

  try {
    const claim = (port: number, flag: string, what: string) => ({
      host: "127.0.0.1",
      port,
      flag,
      what,
    });
    await listenOn(pve, claim(options.pvePort, "--pve-port", "the simulated Proxmox API"));
    await listenOn(control, claim(options.controlPort, "--control-port", "the demo control"));
    const initial = await load(options.initialScenario);

    const config: DashboardConfigInput = {
      clusters: [
        {
          id: "demo",
          name: "Demo cluster (simulated)",
          proxmox: {
            urls: [`https://127.0.0.1:${options.pvePort}`],
            tokenId: DEMO_TOKEN_ID,
            tokenSecretFile: pveTokenFile,
            fingerprint: cert.fingerprint256,
            timeoutMs: 3_000,
          },
          agents: {
            urlTemplate: `http://{ip}:${options.agentPort}`,
            tokenFile: agentTokenFile,
            timeoutMs: 2_000,
          },
          nodes: initial.nodes.map((n) => ({
            name: n.name,
            ip: n.ip ?? undefined,
            nodeId: n.nodeId ?? undefined,
          })),
          intervalMs: options.intervalMs,
          linstor: {
            urls: [`http://127.0.0.1:${options.controlPort}/linstor`],
            enabled: initial.linstor ?? false,
            timeoutMs: 2_000,
          },
        },
      ],
      admins: [{ name: "demo-admin", tokenFile: adminTokenFile }],
      // The demo shows a simulated cluster on loopback: anyone may look; changes need the admin.
      // Loopback's X-Forwarded-For is believed, as behind a local reverse proxy, so that browser
      // tests can stand in for many clients.
      access: { mode: "open", forwardedBy: ["127.0.0.1", "::1"] },
      adminSessionSecretFile: sessionSecretFile,
      displayKeys: [{ id: "demo-wall", keyFile: displayKeyFile }],
      history: { sqlitePath: freshHistoryFile(workDir) },
    };
    const configFile = path.join(workDir, "dashboard.json");
    writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });

    const dashboardUrl = `http://127.0.0.1:${options.dashboardPort}`;
    if (options.startDashboard) {
      ({ child: dashboard } = await startDashboard({
        projectDir: options.projectDir,
        port: options.dashboardPort,
        configFile,
        env: { TIEBREAKER_DEMO_CONTROL: `http://127.0.0.1:${options.controlPort}` },
        // The dashboard's first polls of many agents compete with their start on a small machine.
        timeoutMs: Math.max(60_000, agents.length * 2_000),
      }));
    }
    return { dashboardUrl, configFile, adminToken, displayKey, switchScenario: load, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
