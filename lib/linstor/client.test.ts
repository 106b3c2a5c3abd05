import { cpSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinstorSim, type LinstorFault } from "@/demo/linstor-sim";
import { type LinstorTarget, linstorDispatcher, pollLinstor } from "./client";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TOKEN = "linstor-proxy-token-0123456789";
let dir: string;
let server: Server;
let url: string;
let fault: LinstorFault | null = null;
const dispatcher = linstorDispatcher({ ca: null, cert: null, key: null, connectTimeoutMs: 1_000 });

beforeAll(async () => {
  // A scenario of our own whose resource view is the real linstor-csi capture of a force-disconnected node.
  dir = mkdtempSync(path.join(tmpdir(), "tb-linstor-"));
  cpSync(
    path.join(root, "scenarios/linstor-satellite-offline/linstor"),
    path.join(dir, "linstor"),
    {
      recursive: true,
    },
  );
  cpSync(
    path.join(
      root,
      "fixtures/linstor/rest-v1-view-resources-node1-standalone-may-promote-false-linstorcsi.json",
    ),
    path.join(dir, "linstor/v1/view/resources.json"),
  );
  server = createLinstorSim({ scenarioDir: () => dir, fault: () => fault, token: TOKEN });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dispatcher.close();
  rmSync(dir, { recursive: true, force: true });
});

function target(base = url, token: string | null = TOKEN): LinstorTarget {
  return { url: base, token, dispatcher };
}

describe("LINSTOR controller over HTTP", () => {
  it("reads satellites, placement and pools from a controller serving real answers", async () => {
    fault = null;
    const result = await pollLinstor([target()], 2_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.view.controller).toBe("127.0.0.1");
    expect(result.view.nodes.find((n) => n.name === "pve3")?.connectionStatus).toBe("OFFLINE");
    expect(result.view.resources?.map((r) => [r.node, r.placement])).toEqual([
      ["node-0", "diskful"],
      ["node-1", "diskful"],
      ["node-2", "diskless"],
    ]);
    expect(result.view.storagePools?.length).toBe(6);
    expect(result.view.endpointErrors).toEqual({});
  });

  it("a controller that refuses connections → network failure naming it", async () => {
    fault = "refused";
    const result = await pollLinstor([target()], 2_000);
    expect(result).toMatchObject({ ok: false, failure: { kind: "network" } });
    if (!result.ok) expect(result.failure.message).toContain("LINSTOR controller 127.0.0.1");
  });

  it("a controller that accepts but never answers → timeout within the deadline", async () => {
    fault = "timeout";
    const result = await pollLinstor([target()], 300);
    expect(result).toMatchObject({ ok: false, failure: { kind: "timeout" } });
    if (!result.ok) expect(result.failure.message).toContain("did not answer within 300 ms");
  });

  it("a proxy error page instead of JSON → garbage", async () => {
    fault = "garbage";
    const result = await pollLinstor([target()], 2_000);
    expect(result).toMatchObject({ ok: false, failure: { kind: "garbage" } });
  });

  it("a wrong token → auth", async () => {
    fault = null;
    const result = await pollLinstor([target(url, "wrong-token")], 2_000);
    expect(result).toMatchObject({ ok: false, failure: { kind: "auth" } });
  });

  it("a dead controller first and the active one second → the second answers", async () => {
    fault = null;
    const dead = `http://127.0.0.1:1`;
    const result = await pollLinstor([target(dead), target()], 2_000);
    expect(result.ok).toBe(true);
  });

  it("a base URL with a proxy path prefix keeps it", async () => {
    fault = null;
    const result = await pollLinstor([target(`${url}/linstor-api/`)], 2_000);
    // The simulated controller serves at the root, so the prefixed path is not found there.
    expect(result).toMatchObject({ ok: false, failure: { kind: "http" } });
    if (!result.ok) expect(result.failure.message).toContain("answered 404 on /v1/nodes");
  });
});
