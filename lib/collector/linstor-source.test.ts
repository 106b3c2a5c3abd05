import { mkdtempSync, rmSync } from "node:fs";
import type { Server as HttpServer } from "node:http";
import type { Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSelfSignedCert } from "@/demo/certs";
import { createLinstorSim, type LinstorFault } from "@/demo/linstor-sim";
import { createPveSim, scenarioDataSource } from "@/demo/pve-sim";
import { resolveConfig } from "@/lib/config/load";
import { clusterState } from "@/lib/surfaces/cluster-state";
import { ClusterCollector } from "./cluster-collector";

const scenario = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../scenarios/linstor-satellite-offline",
);
const SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
let dir: string;
let pve: Server;
let linstor: HttpServer;
let fault: LinstorFault | null = null;
let clock = Date.parse("2026-11-22T10:00:00Z");
let config: ReturnType<typeof resolveConfig>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tb-linstor-collector-"));
  const cert = ensureSelfSignedCert(dir, "pve", "pve");
  pve = createPveSim({
    source: scenarioDataSource(
      () => scenario,
      () => "127.0.0.1",
    ),
    tokenId: "tiebreaker@pve!dashboard",
    tokenSecret: SECRET,
    cert,
    wrongCert: cert,
  });
  await new Promise<void>((resolve) => pve.listen(0, "127.0.0.1", resolve));
  linstor = createLinstorSim({ scenarioDir: () => scenario, fault: () => fault });
  await new Promise<void>((resolve) => linstor.listen(0, "127.0.0.1", resolve));
  config = resolveConfig({
    clusters: [
      {
        id: "linstor-lab",
        proxmox: {
          urls: [`https://127.0.0.1:${(pve.address() as AddressInfo).port}`],
          tokenId: "tiebreaker@pve!dashboard",
          tokenSecret: SECRET,
          fingerprint: cert.fingerprint256,
        },
        linstor: {
          urls: [`http://127.0.0.1:${(linstor.address() as AddressInfo).port}`],
          timeoutMs: 300,
        },
        intervalMs: 1_000,
      },
    ],
  });
});

afterAll(() => {
  for (const server of [pve, linstor]) {
    server.closeAllConnections();
    server.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function collector() {
  return new ClusterCollector(config.clusters[0]!, config.thresholds, () => clock);
}

const subjects = (view: Awaited<ReturnType<ClusterCollector["poll"]>>) =>
  view.findings.map((f) => `${f.rule} ${f.subject}`);

describe("the collector's LINSTOR source", () => {
  it("polls the configured controller and fires linstor.node-offline from its answer", async () => {
    fault = null;
    const view = await collector().poll();
    expect(view.snapshot.linstor).toMatchObject({ fresh: true, error: null });
    expect(view.snapshot.linstor?.data?.nodes.map((n) => n.connectionStatus)).toEqual([
      "ONLINE",
      "ONLINE",
      "OFFLINE",
    ]);
    expect(subjects(view)).toContain("linstor.node-offline linstor:pve3");
  });

  it.each([
    ["hangs", "timeout" as const, "timeout"],
    ["refuses connections", "refused" as const, "network"],
    ["answers with a proxy's error page", "garbage" as const, "garbage"],
  ])(
    "a controller that %s → linstor.controller-unreachable (%s), never a healthy LINSTOR",
    async (_name, which, kind) => {
      fault = which;
      const view = await collector().poll();
      expect(view.snapshot.linstor).toMatchObject({ fresh: false, data: null, error: { kind } });
      // Never answered: the finding names the controller as storage.cfg does.
      expect(subjects(view)).toContain("linstor.controller-unreachable linstor:10.10.10.4");
      expect(subjects(view)).not.toContain("linstor.node-offline linstor:pve3");
      expect(clusterState(view)).toBe("CRITICAL");
      fault = null;
    },
  );

  it("keeps the last answer with its age while the controller fails, then calls it unknown", async () => {
    fault = null;
    const c = collector();
    await c.poll();
    fault = "timeout";
    clock += 1_500;
    let view = await c.poll();
    expect(view.snapshot.linstor).toMatchObject({ fresh: true, ageMs: 1_500 });
    expect(view.snapshot.linstor?.error?.kind).toBe("timeout");
    // Still fresh: the satellites it last reported still count.
    expect(subjects(view)).toContain("linstor.node-offline linstor:pve3");

    clock += 2_000;
    view = await c.poll();
    expect(view.snapshot.linstor).toMatchObject({ fresh: false, ageMs: 3_500 });
    expect(subjects(view)).toContain("linstor.controller-unreachable linstor:127.0.0.1");
    expect(subjects(view)).not.toContain("linstor.node-offline linstor:pve3");
    fault = null;
  });

  it("a reset can turn the controller off and on again (the demo switching scenarios)", async () => {
    fault = null;
    const c = collector();
    expect((await c.poll()).snapshot.linstor?.fresh).toBe(true);
    c.reset(undefined, { linstor: false });
    const off = await c.poll();
    expect(off.snapshot.linstor).toBeNull();
    expect(subjects(off).some((s) => s.startsWith("linstor."))).toBe(false);
    c.reset(undefined, { linstor: true });
    expect((await c.poll()).snapshot.linstor?.fresh).toBe(true);
  });
});
