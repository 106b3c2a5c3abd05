import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";

/** How the simulated controller misbehaves: the words of a scenario's `linstor/UNREACHABLE`. */
export type LinstorFault = "timeout" | "refused" | "garbage" | "auth";

const FAULTS: readonly LinstorFault[] = ["timeout", "refused", "garbage", "auth"];

/** The fault a scenario's `linstor/UNREACHABLE` names; an unknown word is a timeout. */
export function scenarioLinstorFault(scenarioDir: string): LinstorFault | null {
  const file = path.join(scenarioDir, "linstor", "UNREACHABLE");
  if (!existsSync(file)) return null;
  const word = readFileSync(file, "utf8").trim().split(/\s+/)[0] ?? "";
  return FAULTS.find((f) => f === word) ?? "timeout";
}

export interface LinstorSimOptions {
  /** The scenario folder whose `linstor/<REST path>.json` files are served; read on every request. */
  scenarioDir: () => string;
  /** Overrides the scenario's own UNREACHABLE word, for tests. */
  fault?: () => LinstorFault | null;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token?: string;
}

/**
 * A stand-in for the LINSTOR controller's REST API (plain HTTP, as on port 3370): GET only, the
 * scenario's recorded answers byte for byte, 404 with LINSTOR's error list otherwise. `prefix` is
 * the path it is mounted under when it shares a server.
 */
export function linstorHandler(options: LinstorSimOptions, prefix = "") {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const fault = options.fault?.() ?? scenarioLinstorFault(options.scenarioDir());
    if (fault === "timeout") return; // held until the client gives up
    if (fault === "refused") {
      req.socket.destroy();
      return;
    }
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (
      fault === "auth" ||
      (options.token && req.headers.authorization !== `Bearer ${options.token}`)
    ) {
      send(401, "text/plain", "Unauthorized");
      return;
    }
    if (fault === "garbage") {
      send(200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>\n");
      return;
    }
    const url = new URL(req.url ?? "/", "http://linstor.invalid");
    const rel = url.pathname.slice(prefix.length).replace(/\/+$/, "");
    const file = path.join(options.scenarioDir(), "linstor", `${rel}.json`);
    if (req.method !== "GET" || !/^\/v1\/[\w/-]+$/.test(rel) || !existsSync(file)) {
      send(
        404,
        "application/json",
        JSON.stringify([{ ret_code: -4611686018427387904, message: `no ${rel}` }]),
      );
      return;
    }
    send(200, "application/json", readFileSync(file, "utf8"));
  };
}

/** The stand-in on a server of its own. */
export function createLinstorSim(options: LinstorSimOptions): Server {
  return createServer(linstorHandler(options));
}
