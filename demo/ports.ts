import type { Server } from "node:net";
import { createServer } from "node:net";
import type { DemoArgs } from "./args";
import { DemoPortError, type PortClaim } from "./errors";
import { agentNodes, nodeAddresses, type ScenarioEntry } from "./scenario-files";

/** Every address and port the demo will listen on, for any scenario it may switch to. */
export function demoPortClaims(
  args: Pick<DemoArgs, "port" | "pvePort" | "controlPort" | "agentPort" | "startDashboard">,
  catalog: readonly ScenarioEntry[],
): PortClaim[] {
  const claims: PortClaim[] = [];
  if (args.startDashboard)
    claims.push({ host: "127.0.0.1", port: args.port, flag: "--port", what: "the dashboard" });
  claims.push(
    {
      host: "127.0.0.1",
      port: args.pvePort,
      flag: "--pve-port",
      what: "the simulated Proxmox API",
    },
    {
      host: "127.0.0.1",
      port: args.controlPort,
      flag: "--control-port",
      what: "the demo control",
    },
  );
  const agentIps = new Set<string>();
  for (const { dir } of catalog) {
    const addresses = nodeAddresses(dir);
    for (const node of agentNodes(dir)) agentIps.add(addresses.get(node)!);
  }
  for (const ip of [...agentIps].sort((a, b) => a.localeCompare(b, "en", { numeric: true })))
    claims.push({ host: ip, port: args.agentPort, flag: "--agent-port", what: "a node agent" });
  return claims;
}

/** Listens, turning a taken or forbidden port into a DemoPortError that names the flag. */
export function listenOn(server: Server, claim: PortClaim): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "EADDRINUSE" || err.code === "EACCES"
          ? new DemoPortError(claim, err.code)
          : err,
      );
    };
    server.once("error", onError);
    server.listen(claim.port, claim.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** Binds each port for a moment, before anything starts, so a taken port ends the demo at once. */
export async function checkPortsFree(claims: readonly PortClaim[]): Promise<void> {
  for (const claim of claims) {
    const probe = createServer();
    await listenOn(probe, claim);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
