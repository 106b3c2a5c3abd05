import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { validateReport } from "@/lib/agents/schema";
import { evaluateCluster, type EvaluatedCluster } from "@/lib/health/evaluate-cluster";
import { DEFAULT_THRESHOLDS } from "@/lib/health/thresholds";
import type { AgentMemory } from "@/lib/snapshot/build-snapshot";
import { emptyMemory } from "@/lib/snapshot/source-state";

import type { Lab } from "./lab";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(projectDir, "agent/dist/tiebreaker-agent.cjs");

/** Builds the agent bundle the lab runs inside each node, when it is not built yet. */
export function ensureAgentBundle(): void {
  if (!existsSync(bundle)) execFileSync(process.execPath, ["agent/build.mjs"], { cwd: projectDir });
}

/** Every node's agent, run once in that node's namespaces, and the product's evaluation of their reports. */
export async function evaluateLab(lab: Lab): Promise<EvaluatedCluster> {
  const nowMs = Date.now();
  const agents = new Map<string, AgentMemory>();
  for (const node of lab.nodes) {
    const result = await lab.exec(
      node.name,
      process.execPath,
      [bundle, "collect", "--node-name", node.name],
      { timeoutMs: 20_000 },
    );
    const checked = validateReport(JSON.parse(result.stdout) as unknown);
    if (!checked.ok) throw new Error(`${node.name}'s report: ${checked.message}`);
    agents.set(node.name, {
      data: checked.report,
      fetchedAtMs: nowMs,
      error: null,
      clockOffsetMs: 0,
    });
  }
  return evaluateCluster({
    clusterId: "lab",
    intervalMs: 5_000,
    thresholds: DEFAULT_THRESHOLDS,
    nowMs,
    api: emptyMemory(),
    agents,
    nodeStorage: new Map(),
    linstor: null,
    knownNodes: lab.nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, ip: n.ip })),
  });
}
