import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSelfSignedCert } from "@/demo/certs";
import { type ApiFault, createPveSim, scenarioDataSource } from "@/demo/pve-sim";
import { resolveConfig } from "@/lib/config/load";
import { clusterState } from "@/lib/surfaces/cluster-state";
import { ClusterCollector } from "./cluster-collector";

const scenario = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../scenarios/healthy-3-node",
);
const SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const TOKEN_ID = "tiebreaker@pve!dashboard";
let dir: string;
let pve: Server;
let config: ReturnType<typeof resolveConfig>;
/** What the simulated pveproxy lists for the token; undefined = the auditor role on /. */
let permissions: unknown;
let fault: ApiFault | null = null;
/** Makes the simulated pveproxy fail /cluster/status with a 500. */
let statusFails = false;

const audit = (...privileges: string[]) => Object.fromEntries(privileges.map((p) => [p, 1]));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tb-privileges-"));
  const cert = ensureSelfSignedCert(dir, "pve", "pve");
  const source = scenarioDataSource(
    () => scenario,
    () => "127.0.0.1",
  );
  pve = createPveSim({
    source: {
      read: (p) => {
        if (p === "/cluster/status" && statusFails) throw new Error("pmxcfs is not running");
        return p === "/access/permissions" ? permissions : source.read(p);
      },
      fault: () => fault,
    },
    tokenId: TOKEN_ID,
    tokenSecret: SECRET,
    cert,
    wrongCert: cert,
  });
  await new Promise<void>((resolve) => pve.listen(0, "127.0.0.1", resolve));
  config = resolveConfig(
    {
      clusters: [
        {
          id: "lab",
          proxmox: {
            urls: [`https://127.0.0.1:${(pve.address() as AddressInfo).port}`],
            tokenId: TOKEN_ID,
            tokenSecret: SECRET,
            fingerprint: cert.fingerprint256,
            timeoutMs: 1_500,
          },
          intervalMs: 1_000,
        },
      ],
    },
    {},
  );
});

afterAll(() => {
  pve.closeAllConnections();
  pve.close();
  rmSync(dir, { recursive: true, force: true });
});

async function checked() {
  const collector = new ClusterCollector(config.clusters[0]!, config.thresholds);
  const check = await collector.checkPrivileges();
  const view = await collector.poll();
  return { check, view, missing: view.findings.filter((f) => f.rule === "pve.missing-privilege") };
}

describe("the API token's privileges, read live from /access/permissions", () => {
  it("the auditor role on /: every required privilege granted, no finding", async () => {
    permissions = undefined;
    const { check, missing } = await checked();
    expect(check.error).toBeNull();
    expect(check.results?.map((r) => `${r.privilege} ${r.path} ${r.granted}`)).toEqual([
      "Sys.Audit / true",
      "Sys.Audit /nodes true",
      "Datastore.Audit /storage true",
    ]);
    expect(missing).toEqual([]);
  });

  it("a token without Datastore.Audit on /storage: a finding names it, and the cluster is not OK", async () => {
    const noStorage = audit("Sys.Audit", "VM.Audit");
    permissions = { "/": noStorage, "/nodes": noStorage, "/storage": {}, "/vms": noStorage };
    const { view, missing } = await checked();
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      severity: "unknown",
      subject: "cluster",
      title: "The API token lacks Datastore.Audit on /storage",
    });
    expect(missing[0]!.detail).toContain(TOKEN_ID);
    expect(missing[0]!.remedy).toContain("--roles PVEAuditor");
    expect(clusterState(view)).toBe("UNKNOWN");
  });

  it("an ACL only on /storage: Sys.Audit is missing on / and on /nodes, one finding each", async () => {
    permissions = { "/storage": audit("Datastore.Audit") };
    const { missing } = await checked();
    expect(missing.map((f) => f.title)).toEqual([
      "The API token lacks Sys.Audit on /",
      "The API token lacks Sys.Audit on /nodes",
    ]);
  });

  it("a propagated ACL on / alone covers /nodes and /storage", async () => {
    permissions = { "/": audit("Sys.Audit", "Datastore.Audit") };
    expect((await checked()).missing).toEqual([]);
  });

  it("permissions that cannot be read are reported as such, never as granted", async () => {
    fault = "permission";
    try {
      const collector = new ClusterCollector(config.clusters[0]!, config.thresholds);
      const check = await collector.checkPrivileges();
      expect(check.results).toBeNull();
      expect(check.error?.kind).toBe("permission");
    } finally {
      fault = null;
    }
  });

  it("start() reads the privileges once without waiting for a page", async () => {
    permissions = { "/storage": audit("Datastore.Audit") };
    const collector = new ClusterCollector(config.clusters[0]!, config.thresholds);
    const found = new Promise<string[]>((resolve) => {
      const off = collector.onUpdate((view) => {
        const titles = view.findings
          .filter((f) => f.rule === "pve.missing-privilege")
          .map((f) => f.title);
        if (titles.length > 0) {
          off();
          resolve(titles);
        }
      });
    });
    collector.start();
    try {
      expect(await found).toContain("The API token lacks Sys.Audit on /nodes");
      expect(collector.privilegeCheck()?.results?.filter((r) => !r.granted)).toHaveLength(2);
    } finally {
      collector.stop();
    }
  });
});

describe("a Proxmox API that fails: each cause is named, never shown as healthy", () => {
  it.each<[string, string, () => void]>([
    ["500 on /cluster/status", "http", () => (statusFails = true)],
    ["401: the token is refused", "auth", () => (fault = "auth")],
    ["403: the token may not read", "permission", () => (fault = "permission")],
    ["no answer within the deadline", "timeout", () => (fault = "timeout")],
  ])("%s → pve.api-unreachable (%s), the cluster UNKNOWN", async (_name, kind, inject) => {
    inject();
    try {
      const collector = new ClusterCollector(config.clusters[0]!, config.thresholds);
      const view = await collector.poll();
      const finding = view.findings.find((f) => f.rule === "pve.api-unreachable");
      expect(finding?.title).toBe(`The Proxmox API cannot be used (${kind})`);
      expect(view.summary.quorate).toBeNull();
      expect(clusterState(view)).toBe("UNKNOWN");
    } finally {
      fault = null;
      statusFails = false;
    }
  });
});
