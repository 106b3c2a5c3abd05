import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSelfSignedCert, type SelfSignedCert } from "@/demo/certs";
import { type ApiFault, createPveSim } from "@/demo/pve-sim";
import { readFixture } from "@/lib/parsers/test-helpers";
import { getEndpoint, getNodeStorage, type ProxmoxTarget } from "./client";
import { classifyUpstreamError } from "./errors";
import { mapClusterStatus } from "./map";
import { proxmoxDispatcher } from "./tls";

const TOKEN_ID = "tiebreaker@pve!dashboard";
const SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
let fault: ApiFault | null = null;
let dir: string;
let cert: SelfSignedCert;
let server: Server;
let url: string;

const status = JSON.parse(
  readFixture("proxmox-api/cluster-status-4node-quorate-gomox-pve9x.json"),
) as { data: unknown };
const nodeStorage = JSON.parse(
  readFixture("proxmox-api/nodes-node-storage-storage-status-rbd-shared-telmate800.json"),
) as {
  data: unknown;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tb-pve-"));
  cert = ensureSelfSignedCert(dir, "pve", "pve-test");
  const wrong = ensureSelfSignedCert(dir, "wrong", "wrong");
  server = createPveSim({
    source: {
      read: (apiPath) =>
        apiPath === "/cluster/status"
          ? status.data
          : apiPath === "/nodes/node1/storage"
            ? [nodeStorage.data]
            : undefined,
      fault: () => fault,
    },
    tokenId: TOKEN_ID,
    tokenSecret: SECRET,
    cert,
    wrongCert: wrong,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function target(
  options: { fingerprint?: string | null; ca?: string | null; secret?: string; at?: string } = {},
): ProxmoxTarget {
  return {
    url: options.at ?? url,
    tokenId: TOKEN_ID,
    tokenSecret: options.secret ?? SECRET,
    dispatcher: proxmoxDispatcher({
      ca: options.ca ?? null,
      fingerprint: options.fingerprint === undefined ? cert.fingerprint256 : options.fingerprint,
      connectTimeoutMs: 2_000,
    }),
  };
}

async function failure(t: ProxmoxTarget, deadlineMs = 2_000) {
  try {
    await getEndpoint(t, "/cluster/status", deadlineMs);
  } catch (err) {
    return classifyUpstreamError(err, "pve");
  }
  throw new Error("the call was expected to fail");
}

describe("Proxmox client through proxmox-api", () => {
  it("reads /cluster/status over HTTPS with a pinned fingerprint, 0/1 booleans coerced", async () => {
    fault = null;
    const mapped = mapClusterStatus(await getEndpoint(target(), "/cluster/status", 2_000));
    expect(mapped.quorate).toBe(true);
    expect(mapped.nodes.find((n) => n.name === "node1")).toMatchObject({
      online: true,
      local: true,
      nodeId: 1,
    });
  });

  it("reads a per-node path", async () => {
    fault = null;
    expect(await getNodeStorage(target(), "node1", 2_000)).toEqual([nodeStorage.data]);
  });

  it("trusts a CA file instead of a pin", async () => {
    fault = null;
    await expect(
      getEndpoint(target({ fingerprint: null, ca: cert.cert }), "/cluster/status", 2_000),
    ).resolves.toBeInstanceOf(Array);
  });

  it("refuses a self-signed certificate that is neither pinned nor trusted → tls", async () => {
    fault = null;
    expect((await failure(target({ fingerprint: null }))).kind).toBe("tls");
  });

  it.each<[string, ApiFault | null, Parameters<typeof target>[0], string]>([
    [
      "a pinned fingerprint that does not match",
      null,
      { fingerprint: "AA:".repeat(31) + "AA" },
      "tls",
    ],
    ["a certificate swapped by the server", "tls", {}, "tls"],
    ["a wrong token secret", null, { secret: "11111111-2222-4333-8444-555555555555" }, "auth"],
    ["a token without the audit role", "permission", {}, "permission"],
    ["a dropped connection", "network", {}, "network"],
    ["nothing listening", null, { at: "https://127.0.0.1:9" }, "network"],
  ])("%s → %s", async (_name, injected, options, kind) => {
    fault = injected;
    if (injected === "tls") (server as Server & { refreshFault(): void }).refreshFault();
    try {
      expect((await failure(target(options))).kind).toBe(kind);
    } finally {
      fault = null;
      (server as Server & { refreshFault(): void }).refreshFault();
    }
  });

  it("a server that never answers costs one deadline, retries included → timeout", async () => {
    fault = "timeout";
    const started = Date.now();
    const result = await failure(target(), 700);
    fault = null;
    expect(result.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
