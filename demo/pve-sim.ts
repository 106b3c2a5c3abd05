import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { Socket } from "node:net";
import path from "node:path";
import type { SelfSignedCert } from "./certs";

export type ApiFault = "tls" | "auth" | "permission" | "network" | "timeout";

/** Where the simulated API gets its answers: a scenario folder, or a real corosync lab. */
export interface PveDataSource {
  /** The `data` value for an API path such as "/cluster/status"; undefined = the endpoint's empty default. */
  read(apiPath: string): unknown;
  fault(): ApiFault | null;
}

const LIST_DEFAULTS = new Set([
  "/cluster/config/nodes",
  "/nodes",
  "/storage",
  "/cluster/resources",
  "/cluster/ha/status/current",
]);

/** What pveproxy answers for a path whose subsystem is not set up: Ceph not installed. */
const NOT_SET_UP: Record<string, string> = {
  "/cluster/ceph/status": "binary not installed: /usr/bin/ceph-mon",
};

/** PVEAuditor on / for the token, as `/access/permissions` lists it (privilege → propagate bit). */
const AUDITOR = Object.fromEntries(
  ["Datastore.Audit", "Mapping.Audit", "Pool.Audit", "SDN.Audit", "Sys.Audit", "VM.Audit"].map(
    (p) => [p, 1],
  ),
);
const AUDITOR_PERMISSIONS = Object.fromEntries(
  ["/", "/access", "/access/groups", "/nodes", "/pool", "/sdn", "/storage", "/vms"].map((p) => [
    p,
    AUDITOR,
  ]),
);

function defaultFor(apiPath: string): unknown {
  // A scenario lists the token's privileges in pve/access/permissions.json; else the auditor role.
  if (apiPath === "/access/permissions") return AUDITOR_PERMISSIONS;
  if (apiPath === "/cluster/config/qdevice") return {};
  // A cluster without HA resources: the CRM has written no status yet.
  if (apiPath === "/cluster/ha/status/manager_status") return { manager_status: {} };
  if (apiPath === "/version") return { version: "9.0.3", release: "9.0", repoid: "b3a2f7c4" };
  if (LIST_DEFAULTS.has(apiPath) || /^\/nodes\/[^/]+\/storage$/.test(apiPath)) return [];
  return undefined;
}

/** Reads `pve/<path>.json` from a scenario folder on every request, so timelines show at once. */
export function scenarioDataSource(
  dir: () => string,
  ipFor: (node: string) => string | null,
): PveDataSource {
  const readJson = (rel: string): unknown => {
    const file = path.join(dir(), "pve", `${rel}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as unknown) : undefined;
  };
  return {
    read(apiPath) {
      const value = readJson(apiPath);
      if (apiPath === "/cluster/status" && Array.isArray(value)) {
        // Agents listen on loopback addresses in the demo; the API says where, as real PVE gives node IPs.
        return value.map((entry: Record<string, unknown>) =>
          entry.type === "node" && typeof entry.name === "string"
            ? { ...entry, ip: ipFor(entry.name) ?? entry.ip }
            : entry,
        );
      }
      return value;
    },
    fault() {
      const file = path.join(dir(), "pve", "UNREACHABLE");
      if (!existsSync(file)) return null;
      const word = readFileSync(file, "utf8").trim();
      return (
        (["tls", "auth", "permission", "network", "timeout"] as const).find((w) => w === word) ??
        "network"
      );
    },
  };
}

export interface PveSimOptions {
  source: PveDataSource;
  tokenId: string;
  tokenSecret: string;
  cert: SelfSignedCert;
  /** Presented instead of `cert` while the source reports a TLS fault. */
  wrongCert: SelfSignedCert;
}

const JSON_TYPE = "application/json;charset=UTF-8";

/** A loopback stand-in for pveproxy: HTTPS, token auth, `{"data": ...}` bodies, per-node paths. */
export function createPveSim(
  options: PveSimOptions,
): Server & { refreshFault(): void; requests(): number } {
  const sockets = new Set<Socket>();
  let requests = 0;
  const expectedAuth = `PVEAPIToken=${options.tokenId}=${options.tokenSecret}`;
  let presenting: "right" | "wrong" = "right";
  const server = createServer({ key: options.cert.key, cert: options.cert.cert }, (req, res) => {
    requests++;
    const fault = options.source.fault();
    if (fault === "timeout") return; // held until the client gives up
    if (fault === "network") {
      req.socket.destroy();
      return;
    }
    const send = (status: number, statusText: string, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, statusText, {
        "Content-Type": JSON_TYPE,
        "Content-Length": Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (fault === "auth" || req.headers.authorization !== expectedAuth) {
      send(401, "authentication failure", { data: null });
      return;
    }
    if (fault === "permission") {
      send(403, "Permission check failed (/, Sys.Audit)", { data: null });
      return;
    }
    const url = new URL(req.url ?? "/", "https://pve.invalid");
    if (req.method !== "GET" || !url.pathname.startsWith("/api2/json/")) {
      send(501, "Method not implemented", { data: null });
      return;
    }
    const apiPath = url.pathname.slice("/api2/json".length).replace(/\/+$/, "");
    Promise.resolve()
      .then(() => options.source.read(apiPath))
      .then(
        (value) => {
          const data = value === undefined ? defaultFor(apiPath) : value;
          const notSetUp = NOT_SET_UP[apiPath];
          if (data === undefined && notSetUp) send(500, notSetUp, { data: null });
          else if (data === undefined)
            send(501, `Method 'GET ${apiPath}' not implemented`, { data: null });
          else send(200, "OK", { data });
        },
        (err: unknown) => {
          const why = err instanceof Error ? err.message : String(err);
          const text = `simulated API cannot read ${apiPath}: ${why}`.slice(0, 200);
          send(500, text.replace(/[^\x20-\x7e]/g, " "), { data: null });
        },
      );
  });
  server.on("secureConnection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("connection", (socket: Socket) => {
    if (options.source.fault() === "network") socket.destroy();
  });
  const refreshFault = () => {
    const wanted = options.source.fault() === "tls" ? "wrong" : "right";
    if (wanted === presenting) return;
    presenting = wanted;
    const cert = wanted === "wrong" ? options.wrongCert : options.cert;
    server.setSecureContext({ key: cert.key, cert: cert.cert });
    // Kept-alive connections still carry the old certificate; close them so the change shows.
    for (const socket of sockets) socket.destroy();
  };
  return Object.assign(server, { refreshFault, requests: () => requests });
}
