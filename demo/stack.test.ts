import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DashboardConfigInput } from "@/lib/config/schema";
import type { DemoControlState, DemoSwitchResult } from "@/lib/demo/control";
import { DemoPortError } from "./errors";
import { runningChildren } from "./processes";
import { loadScenarioCatalog, type ScenarioEntry } from "./scenario-files";
import { type DemoStackOptions, startDemoStack } from "./stack";
import {
  builtInScenarios,
  close,
  freePorts,
  occupy,
  portIsFree,
  processesMentioning,
  projectDir,
  writeScenarioSuite,
} from "./test-helpers";

const scratch = mkdtempSync(path.join(tmpdir(), "tb-demo-stack-"));
// Built once before any test file runs (lib/testing/build-agent.ts).
const agentBundle = path.join(projectDir, "agent/dist/tiebreaker-agent.cjs");
let scenarios: ScenarioEntry[];

beforeAll(() => {
  const suite = path.join(scratch, "suite");
  writeScenarioSuite(suite, [
    { name: "suite-healthy", from: "healthy-3-node" },
    { name: "suite-two-node", from: "two-node-no-qdevice" },
  ]);
  scenarios = loadScenarioCatalog(builtInScenarios, [suite]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function stackOptions(name: string, initialScenario: string): Promise<DemoStackOptions> {
  const [dashboardPort, pvePort, controlPort, agentPort] = (await freePorts(4)) as [
    number,
    number,
    number,
    number,
  ];
  return {
    projectDir,
    agentBundle,
    scenarios,
    workDir: path.join(scratch, name),
    initialScenario,
    dashboardPort,
    pvePort,
    controlPort,
    agentPort,
    intervalMs: 1_000,
    timeScale: 1,
    startDashboard: false,
  };
}

async function expectAllStopped(options: DemoStackOptions): Promise<void> {
  expect(runningChildren()).toEqual([]);
  expect(processesMentioning(options.workDir)).toEqual([]);
  for (const [host, port] of [
    ["127.0.0.1", options.pvePort],
    ["127.0.0.1", options.controlPort],
    ["127.0.0.11", options.agentPort],
    ["127.0.0.13", options.agentPort],
  ] as const)
    expect(await portIsFree(host, port), `${host}:${port}`).toBe(true);
}

describe("demo stack", () => {
  it("starts on a scenario from --scenarios, lists it as extra and switches between them", async () => {
    const options = await stackOptions("extra", "suite-healthy");
    const stack = await startDemoStack(options);
    try {
      const control = `http://127.0.0.1:${options.controlPort}`;
      const state = (await (await fetch(`${control}/state`)).json()) as DemoControlState;
      expect(state.current).toBe("suite-healthy");
      expect(state.scenarios.filter((s) => s.extra).map((s) => s.name)).toEqual([
        "suite-healthy",
        "suite-two-node",
      ]);
      expect(state.scenarios.find((s) => s.name === "healthy-3-node")?.extra).toBe(false);
      expect(runningChildren()).toHaveLength(3);

      const switched = await fetch(`${control}/switch`, {
        method: "POST",
        body: JSON.stringify({ scenario: "suite-two-node" }),
      });
      expect(switched.status).toBe(200);
      expect(((await switched.json()) as { nodes: { name: string }[] }).nodes).toHaveLength(2);
      const after = (await (await fetch(`${control}/state`)).json()) as DemoControlState;
      expect(after.current).toBe("suite-two-node");
      expect(runningChildren()).toHaveLength(2);
    } finally {
      await stack.stop();
    }
    await expectAllStopped(options);
  });

  it("serves a scenario's linstor/ files as the LINSTOR controller and says which scenarios have them", async () => {
    const options = await stackOptions("linstor", "linstor-satellite-offline");
    const stack = await startDemoStack(options);
    try {
      const control = `http://127.0.0.1:${options.controlPort}`;
      const config = JSON.parse(readFileSync(stack.configFile, "utf8")) as DashboardConfigInput;
      expect(config.clusters[0]?.linstor).toMatchObject({
        urls: [`${control}/linstor`],
        enabled: true,
      });
      const nodes = await fetch(`${control}/linstor/v1/nodes`);
      expect(nodes.status).toBe(200);
      expect(((await nodes.json()) as { name: string }[]).map((n) => n.name)).toEqual([
        "pve1",
        "pve2",
        "pve3",
      ]);
      const switched = await fetch(`${control}/switch`, {
        method: "POST",
        body: JSON.stringify({ scenario: "linstor-controller-unreachable" }),
      });
      expect(((await switched.json()) as DemoSwitchResult).linstor).toBe(true);
      // linstor/UNREACHABLE says timeout: the request is held until the client gives up.
      const held = await fetch(`${control}/linstor/v1/nodes`, {
        signal: AbortSignal.timeout(300),
      }).catch((err: unknown) => err);
      expect((held as Error).name).toBe("TimeoutError");
      const plain = await fetch(`${control}/switch`, {
        method: "POST",
        body: JSON.stringify({ scenario: "healthy-3-node" }),
      });
      expect(((await plain.json()) as DemoSwitchResult).linstor).toBe(false);
    } finally {
      await stack.stop();
    }
    await expectAllStopped(options);
  });

  it("a taken agent address stops everything already started, then names --agent-port", async () => {
    const options = await stackOptions("busy-agent", "healthy-3-node");
    const busy = await occupy("127.0.0.12", options.agentPort);
    try {
      const error = await startDemoStack(options).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DemoPortError);
      expect((error as Error).message).toBe(
        `port ${options.agentPort} on 127.0.0.12 (a node agent) is already in use; choose another with --agent-port <port>`,
      );
    } finally {
      await close(busy);
    }
    await expectAllStopped(options);
  });

  it("a taken control port closes the simulated API before it names --control-port", async () => {
    const options = await stackOptions("busy-control", "healthy-3-node");
    const busy = await occupy("127.0.0.1", options.controlPort);
    try {
      await expect(startDemoStack(options)).rejects.toThrow(/--control-port <port>$/);
      expect(await portIsFree("127.0.0.1", options.pvePort)).toBe(true);
    } finally {
      await close(busy);
    }
    expect(runningChildren()).toEqual([]);
  });
});
