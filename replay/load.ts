import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { collectReport } from "@/agent/collect";
import { rootReader } from "@/agent/sources/root";
import { validateReport } from "@/lib/agents/schema";
import { DEFAULT_THRESHOLDS } from "@/lib/health/thresholds";
import { assembleLinstorView, LINSTOR_ENDPOINTS } from "@/lib/linstor/rest";
import { linstorControllerUrls } from "@/lib/linstor/targets";
import { parseStorageCfg } from "@/lib/parsers/storage-cfg";
import { assembleApiView, CLUSTER_ENDPOINTS } from "@/lib/proxmox/api-view";
import { mapNodeStorage, storageDef } from "@/lib/proxmox/map";
import {
  checkPrivileges,
  failedPrivilegeCheck,
  type PrivilegeCheck,
} from "@/lib/proxmox/permissions";
import type { AgentMemory, CollectedState } from "@/lib/snapshot/build-snapshot";
import { type SourceMemory, emptyMemory } from "@/lib/snapshot/source-state";
import type {
  ApiView,
  FailureKind,
  LinstorView,
  NodeStorageStatus,
  SourceFailure,
} from "@/lib/snapshot/types";
import { readScenarioMeta } from "./meta-file";

export const SCENARIO_INTERVAL_MS = 5_000;
const LIMITS = { timeoutMs: 5_000, maxOutputBytes: 8 * 1024 * 1024 };

const API_CAUSES: Record<string, FailureKind> = {
  tls: "tls",
  auth: "auth",
  permission: "permission",
  network: "network",
  timeout: "timeout",
};

/** What each UNREACHABLE word means for the dashboard, as the live poller would classify it. */
export const AGENT_FAULTS: Record<string, { kind: FailureKind; message: string }> = {
  timeout: { kind: "timeout", message: "no answer within the deadline" },
  refused: { kind: "network", message: "connection refused" },
  auth: { kind: "auth", message: "the agent answered 401: token refused" },
  garbage: { kind: "garbage", message: "the agent's answer is not JSON" },
};

function readWord(file: string): string {
  return readFileSync(file, "utf8").trim().split(/\s+/)[0] ?? "";
}

function apiMemory(dir: string, nowMs: number): SourceMemory<ApiView> {
  const pve = path.join(dir, "pve");
  const at = new Date(nowMs).toISOString();
  if (existsSync(path.join(pve, "UNREACHABLE"))) {
    const word = readWord(path.join(pve, "UNREACHABLE"));
    const kind = API_CAUSES[word] ?? "network";
    return {
      data: null,
      fetchedAtMs: null,
      error: { kind, message: `the Proxmox API failed: ${word || "unreachable"}`, at },
    };
  }
  const results = readEndpointFiles(pve, CLUSTER_ENDPOINTS, at);
  const assembled = assembleApiView(results, null, at);
  if (!assembled.ok) return { data: null, fetchedAtMs: null, error: assembled.failure };
  const view = assembled.view;
  const cfg = path.join(pve, "storage.cfg");
  if (view.storages === null && existsSync(cfg)) {
    const parsed = parseStorageCfg(readFileSync(cfg, "utf8"));
    if (parsed.ok)
      view.storages = parsed.value.storages.map((s) => storageDef(s.id, s.type, s.properties));
  }
  return { data: view, fetchedAtMs: nowMs, error: null };
}

/** What linstor/UNREACHABLE's word means, as the live poller would classify the controller's failure. */
const LINSTOR_FAULTS: Record<string, { kind: FailureKind; message: string }> = {
  timeout: { kind: "timeout", message: "no answer within the deadline" },
  refused: { kind: "network", message: "connection refused" },
  auth: { kind: "auth", message: "the controller answered 401" },
  garbage: { kind: "garbage", message: "the controller's answer is not JSON" },
};

/** The controller's answers from `linstor/`; null when the scenario has no LINSTOR controller. */
function linstorMemory(
  dir: string,
  api: SourceMemory<ApiView>,
  nowMs: number,
): SourceMemory<LinstorView> | null {
  const base = path.join(dir, "linstor");
  if (!existsSync(base)) return null;
  const at = new Date(nowMs).toISOString();
  const url = linstorControllerUrls(undefined, api.data?.storages ?? null)?.[0];
  const controller = url ? new URL(url).hostname.replace(/^\[|\]$/g, "") : "controller";
  const unreachable = path.join(base, "UNREACHABLE");
  if (existsSync(unreachable)) {
    const fault = LINSTOR_FAULTS[readWord(unreachable)] ?? LINSTOR_FAULTS.timeout!;
    return {
      data: null,
      fetchedAtMs: null,
      error: {
        kind: fault.kind,
        message: `LINSTOR controller ${controller}: ${fault.message}`,
        at,
      },
    };
  }
  const results = readEndpointFiles(base, LINSTOR_ENDPOINTS, at);
  const assembled = assembleLinstorView(controller, results, at);
  return assembled.ok
    ? { data: assembled.view, fetchedAtMs: nowMs, error: null }
    : { data: null, fetchedAtMs: null, error: assembled.failure };
}

function nodeStorageMemory(
  dir: string,
  node: string,
  nowMs: number,
): SourceMemory<NodeStorageStatus[]> {
  const file = path.join(dir, "pve", "nodes", node, "storage.json");
  if (!existsSync(file)) return emptyMemory();
  try {
    return {
      data: mapNodeStorage(JSON.parse(readFileSync(file, "utf8"))),
      fetchedAtMs: nowMs,
      error: null,
    };
  } catch (err) {
    const error: SourceFailure = {
      kind: "garbage",
      message: (err as Error).message,
      at: new Date(nowMs).toISOString(),
    };
    return { ...emptyMemory(), error };
  }
}

async function agentMemory(nodeDir: string, nowMs: number): Promise<AgentMemory> {
  const at = new Date(nowMs).toISOString();
  const unreachable = path.join(nodeDir, "UNREACHABLE");
  if (existsSync(unreachable)) {
    const fault = AGENT_FAULTS[readWord(unreachable)] ?? AGENT_FAULTS.timeout!;
    return { data: null, fetchedAtMs: null, error: { ...fault, at }, clockOffsetMs: null };
  }
  const report = await collectReport(rootReader(nodeDir, LIMITS));
  // The report crosses the same JSON boundary and schema check as one fetched over HTTP.
  const checked = validateReport(JSON.parse(JSON.stringify(report)) as unknown);
  if (!checked.ok) {
    return {
      data: null,
      fetchedAtMs: null,
      error: { kind: "garbage", message: checked.message, at },
      clockOffsetMs: null,
    };
  }
  return {
    data: checked.report,
    fetchedAtMs: nowMs,
    error: null,
    clockOffsetMs: checked.report.clock.offsetMs,
  };
}

export function scenarioNodeNames(dir: string): string[] {
  const nodesDir = path.join(dir, "nodes");
  if (!existsSync(nodesDir)) return [];
  return readdirSync(nodesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Reads a scenario folder into the same collected state the live collector builds. */
export async function loadScenarioState(dir: string, nowMs: number): Promise<CollectedState> {
  const meta = readScenarioMeta(dir);
  const names = scenarioNodeNames(dir);
  const agents = new Map<string, AgentMemory>();
  const nodeStorage = new Map<string, SourceMemory<NodeStorageStatus[]>>();
  await Promise.all(
    names.map(async (name) => {
      agents.set(name, await agentMemory(path.join(dir, "nodes", name), nowMs));
    }),
  );
  const api = apiMemory(dir, nowMs);
  const storageNodes = new Set([...names, ...(api.data?.status?.nodes.map((n) => n.name) ?? [])]);
  for (const name of storageNodes) nodeStorage.set(name, nodeStorageMemory(dir, name, nowMs));
  return {
    clusterId: meta.name,
    intervalMs: SCENARIO_INTERVAL_MS,
    thresholds: DEFAULT_THRESHOLDS,
    nowMs,
    api,
    agents,
    nodeStorage,
    linstor: linstorMemory(dir, api, nowMs),
    knownNodes: names.map((name) => ({ name })),
    privileges: privilegesOf(dir, nowMs),
  };
}

/** pve/access/permissions.json, when the scenario lists the token's privileges. */
function privilegesOf(dir: string, nowMs: number): PrivilegeCheck | null {
  const file = path.join(dir, "pve", "access", "permissions.json");
  if (!existsSync(file)) return null;
  const at = new Date(nowMs).toISOString();
  try {
    return checkPrivileges(JSON.parse(readFileSync(file, "utf8")), "tiebreaker@pve!dashboard", at);
  } catch (err) {
    return failedPrivilegeCheck("tiebreaker@pve!dashboard", {
      kind: "garbage",
      message: `pve/access/permissions.json: ${(err as Error).message}`,
      at,
    });
  }
}

/** Each endpoint's saved answer (`<endpoint>.json`) as the live source would have received it. */
function readEndpointFiles<E extends string>(dir: string, endpoints: readonly E[], at: string) {
  const results: Partial<
    Record<
      E,
      | { ok: true; data: unknown }
      | { ok: false; failure: { kind: "garbage"; message: string; at: string } }
    >
  > = {};
  for (const endpoint of endpoints) {
    const file = path.join(dir, `${endpoint}.json`);
    if (!existsSync(file)) continue;
    try {
      results[endpoint] = { ok: true, data: JSON.parse(readFileSync(file, "utf8")) as unknown };
    } catch (err) {
      results[endpoint] = {
        ok: false,
        failure: { kind: "garbage", message: `${endpoint}: ${(err as Error).message}`, at },
      };
    }
  }
  return results;
}
