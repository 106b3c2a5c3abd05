import { describe, expect, it } from "vitest";
import { DemoPortError } from "./errors";
import { checkPortsFree, demoPortClaims, listenOn } from "./ports";
import { loadScenarioCatalog } from "./scenario-files";
import { builtInScenarios, close, occupy, portIsFree, portOf } from "./test-helpers";
import { createServer } from "node:net";

const ports = { port: 3000, pvePort: 8006, controlPort: 8199, agentPort: 9495 };
const healthy = loadScenarioCatalog(builtInScenarios).filter(
  (e) => e.meta.name === "healthy-3-node",
);

describe("the ports the demo claims", () => {
  it("are the dashboard, the API, the control and one agent address per node", () => {
    expect(demoPortClaims({ ...ports, startDashboard: true }, healthy)).toEqual([
      { host: "127.0.0.1", port: 3000, flag: "--port", what: "the dashboard" },
      { host: "127.0.0.1", port: 8006, flag: "--pve-port", what: "the simulated Proxmox API" },
      { host: "127.0.0.1", port: 8199, flag: "--control-port", what: "the demo control" },
      { host: "127.0.0.11", port: 9495, flag: "--agent-port", what: "a node agent" },
      { host: "127.0.0.12", port: 9495, flag: "--agent-port", what: "a node agent" },
      { host: "127.0.0.13", port: 9495, flag: "--agent-port", what: "a node agent" },
    ]);
  });

  it("leave out the dashboard when it is not started", () => {
    const claims = demoPortClaims({ ...ports, startDashboard: false }, healthy);
    expect(claims.map((c) => c.flag)).not.toContain("--port");
  });

  it("cover every agent address any scenario may need, once each", () => {
    const claims = demoPortClaims(
      { ...ports, startDashboard: true },
      loadScenarioCatalog(builtInScenarios),
    ).filter((c) => c.flag === "--agent-port");
    const hosts = claims.map((c) => c.host);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts.slice(0, 3)).toEqual(["127.0.0.11", "127.0.0.12", "127.0.0.13"]);
  });
});

describe("port checks", () => {
  it("a taken port → DemoPortError with one line naming the port and its flag", async () => {
    const busy = await occupy("127.0.0.1");
    const port = portOf(busy);
    const claim = { host: "127.0.0.1", port, flag: "--port", what: "the dashboard" };
    try {
      const error = await checkPortsFree([claim]).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DemoPortError);
      expect((error as Error).message).toBe(
        `port ${port} on 127.0.0.1 (the dashboard) is already in use; choose another with --port <port>`,
      );
    } finally {
      await close(busy);
    }
  });

  it("free ports pass and are left free", async () => {
    const probe = await occupy("127.0.0.1");
    const port = portOf(probe);
    await close(probe);
    const claim = { host: "127.0.0.12", port, flag: "--agent-port", what: "a node agent" };
    await checkPortsFree([claim]);
    expect(await portIsFree("127.0.0.12", port)).toBe(true);
  });

  it("listenOn turns EADDRINUSE into a DemoPortError and keeps the server usable", async () => {
    const busy = await occupy("127.0.0.1");
    const server = createServer();
    const claim = { host: "127.0.0.1", port: portOf(busy), flag: "--pve-port", what: "the API" };
    try {
      await expect(listenOn(server, claim)).rejects.toThrow(/--pve-port <port>$/);
      expect(server.listening).toBe(false);
    } finally {
      await close(busy);
    }
  });
});
