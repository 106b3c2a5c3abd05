import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server as HttpServer } from "node:http";
import type { Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureSelfSignedCert } from "@/demo/certs";
import { createPveSim, scenarioDataSource } from "@/demo/pve-sim";
import { resolveConfig } from "@/lib/config/load";
import { ClusterCollector } from "./cluster-collector";

// A Proxmox API that reports its nodes at addresses an attacker chose: one on a loopback address
// where a trap listens (standing in for any outside host), one at the cloud metadata address.
const scenario = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../scenarios/two-node-qdevice-qnetd-down",
);
const TRAP_IP = "127.0.0.99";
const HOSTILE: Record<string, string> = { pve1: TRAP_IP, pve2: "169.254.169.254" };
const SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const AGENT_TOKEN = "agent-token-for-agents-only-0123";
let dir: string;
let pve: Server;
let trap: HttpServer;
let trapPort: number;
let pvePort: number;
let fingerprint: string;
let trapped: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tb-agent-target-"));
  const cert = ensureSelfSignedCert(dir, "pve", "pve");
  fingerprint = cert.fingerprint256;
  pve = createPveSim({
    source: scenarioDataSource(
      () => scenario,
      (name) => HOSTILE[name] ?? null,
    ),
    tokenId: "tiebreaker@pve!dashboard",
    tokenSecret: SECRET,
    cert,
    wrongCert: cert,
  });
  await new Promise<void>((resolve) => pve.listen(0, "127.0.0.1", resolve));
  pvePort = (pve.address() as AddressInfo).port;
  trap = createServer((req, res) => {
    trapped.push(req.headers);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => trap.listen(0, TRAP_IP, resolve));
  trapPort = (trap.address() as AddressInfo).port;
});

afterAll(() => {
  trap.close();
  pve.closeAllConnections();
  pve.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  trapped = [];
});

function collector(agentNetworks: string[]): ClusterCollector {
  const config = resolveConfig(
    {
      clusters: [
        {
          id: "lab",
          proxmox: {
            urls: [`https://127.0.0.1:${pvePort}`],
            tokenId: "tiebreaker@pve!dashboard",
            tokenSecret: SECRET,
            fingerprint,
          },
          agents: { urlTemplate: `http://{ip}:${trapPort}`, tokenEnv: "AGENT_TOKEN" },
          agentNetworks,
          intervalMs: 1_000,
        },
      ],
    },
    { AGENT_TOKEN },
  );
  return new ClusterCollector(config.clusters[0]!, config.thresholds);
}

/** The agent errors the view shows per node, after the poll and the agent polls it starts. */
async function agentErrors(c: ClusterCollector): Promise<Record<string, string | undefined>> {
  await c.poll();
  const view = await c.poll();
  return Object.fromEntries(view.snapshot.nodes.map((n) => [n.name, n.agent.error?.message]));
}

describe("the agent token goes only to agents", () => {
  it("never calls an address only the Proxmox API reported, and says why on the node", async () => {
    const errors = await agentErrors(collector([]));
    expect(trapped).toEqual([]);
    expect(errors.pve1).toContain(`${TRAP_IP} comes from the cluster and is outside agentNetworks`);
    expect(errors.pve2).toContain("169.254.169.254 comes from the cluster");
  });

  it("calls a reported address inside agentNetworks, and no other", async () => {
    const errors = await agentErrors(collector([`${TRAP_IP}/32`, "10.0.0.0/8"]));
    expect(trapped.length).toBeGreaterThan(0);
    expect(trapped.every((h) => h.authorization === `Bearer ${AGENT_TOKEN}`)).toBe(true);
    expect(errors.pve2).toContain("169.254.169.254 comes from the cluster");
  });
});
