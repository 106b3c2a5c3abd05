import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { DashboardConfigInput } from "@/lib/config/schema";
import type { DemoSwitchResult } from "@/lib/demo/control";
import type { ScenarioMeta } from "@/replay/meta";
import { readScenarioMeta } from "@/replay/meta-file";
import { ensureSelfSignedCert } from "./certs";
import { DEMO_TOKEN_ID, makeSecrets, startDashboard } from "./dashboard";
import { spawnTracked, stopChild, waitForHttp } from "./processes";
import { createPveSim, scenarioDataSource } from "./pve-sim";
import { applyStep, listScenarios, materializeBase } from "./scenario-files";

export interface DemoStackOptions {
  projectDir: string;
  scenariosDir: string;
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
  switchScenario(name: string): Promise<DemoSwitchResult>;
  stop(): Promise<void>;
}

function scenarioNodes(dir: string): string[] {
  const names = new Set<string>();
  const nodesDir = path.join(dir, "nodes");
  if (existsSync(nodesDir))
    for (const e of readdirSync(nodesDir, { withFileTypes: true }))
      if (e.isDirectory()) names.add(e.name);
  const status = path.join(dir, "pve", "cluster", "status.json");
  if (existsSync(status)) {
    try {
      for (const entry of JSON.parse(readFileSync(status, "utf8")) as {
        type?: string;
        name?: string;
      }[]) {
        if (entry.type === "node" && entry.name) names.add(entry.name);
      }
    } catch {
      // A malformed status.json is part of what a scenario may show; the API path reports it.
    }
  }
  return [...names].sort();
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

export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const { workDir } = options;
  mkdirSync(workDir, { recursive: true });
  const current = path.join(workDir, "current");
  const { pveToken, pveTokenFile, agentTokenFile } = makeSecrets(workDir);
  const agentConfigFile = path.join(workDir, "agent.json");
  writeFileSync(agentConfigFile, JSON.stringify({ cacheMs: 500, timeoutMs: 2_000 }));
  const cert = ensureSelfSignedCert(path.join(workDir, "certs"), "pve", "pve-demo");
  const wrongCert = ensureSelfSignedCert(path.join(workDir, "certs"), "impostor", "impostor");

  const scenarios = listScenarios(options.scenariosDir);
  let meta: ScenarioMeta = readScenarioMeta(
    path.join(options.scenariosDir, options.initialScenario),
  );
  let startedAt = Date.now();
  let applied: string[] = [];
  let ips = new Map<string, string>();
  let agents: ChildProcess[] = [];

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
  await new Promise<void>((resolve) => pve.listen(options.pvePort, "127.0.0.1", resolve));

  const hints = () =>
    [...ips.entries()].map(([name, ip]) => ({ name, nodeId: nodeIdOf(current, name), ip }));

  async function startAgents(): Promise<void> {
    await Promise.all(agents.map((a) => stopChild(a)));
    const names = scenarioNodes(current);
    ips = new Map(names.map((name, i) => [name, `127.0.0.${11 + i}`]));
    agents = names
      .filter((name) => existsSync(path.join(current, "nodes", name)))
      .map((name) =>
        spawnTracked(
          process.execPath,
          [
            path.join(options.projectDir, "agent/dist/tiebreaker-agent.cjs"),
            "serve",
            "--config",
            agentConfigFile,
            "--root",
            path.join(current, "nodes", name),
            "--listen",
            `${ips.get(name)}:${options.agentPort}`,
            "--token-file",
            agentTokenFile,
          ],
          { stdio: ["ignore", "ignore", "inherit"] },
        ),
      );
    await Promise.all(
      names
        .filter((name) => existsSync(path.join(current, "nodes", name)))
        .map((name) =>
          waitForHttp(
            `http://${ips.get(name)}:${options.agentPort}/healthz`,
            10_000,
            `agent for ${name}`,
          ),
        ),
    );
  }

  async function load(name: string): Promise<DemoSwitchResult> {
    const dir = path.join(options.scenariosDir, name);
    meta = readScenarioMeta(dir);
    materializeBase(dir, current);
    applied = [];
    startedAt = Date.now();
    pve.refreshFault();
    await startAgents();
    return { scenario: name, nodes: hints() };
  }

  const timeline = setInterval(() => {
    const elapsed = ((Date.now() - startedAt) * options.timeScale) / 1000;
    for (const step of meta.timeline ?? []) {
      if (applied.includes(step.apply) || step.atSeconds > elapsed) continue;
      applyStep(path.join(options.scenariosDir, meta.name, step.apply), current);
      applied.push(step.apply);
      pve.refreshFault();
    }
  }, 200);

  const initial = await load(options.initialScenario);

  const control: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/state") {
      reply(200, {
        current: meta.name,
        startedAt: new Date(startedAt).toISOString(),
        appliedSteps: applied,
        scenarios: scenarios.map((s) => ({
          name: s.name,
          title: s.title,
          timeline: (s.timeline?.length ?? 0) > 0,
        })),
      });
      return;
    }
    if (req.method === "POST" && req.url === "/switch") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const name = (JSON.parse(body || "{}") as { scenario?: string }).scenario ?? "";
        if (!scenarios.some((s) => s.name === name)) {
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
  await new Promise<void>((resolve) => control.listen(options.controlPort, "127.0.0.1", resolve));

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
      },
    ],
  };
  const configFile = path.join(workDir, "dashboard.json");
  writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });

  let dashboard: ChildProcess | null = null;
  const dashboardUrl = `http://127.0.0.1:${options.dashboardPort}`;
  if (options.startDashboard) {
    ({ child: dashboard } = await startDashboard({
      projectDir: options.projectDir,
      port: options.dashboardPort,
      configFile,
      env: { TIEBREAKER_DEMO_CONTROL: `http://127.0.0.1:${options.controlPort}` },
    }));
  }

  return {
    dashboardUrl,
    configFile,
    switchScenario: load,
    async stop() {
      clearInterval(timeline);
      await Promise.all([...agents, ...(dashboard ? [dashboard] : [])].map((c) => stopChild(c)));
      control.close();
      pve.closeAllConnections();
      pve.close();
    },
  };
}
