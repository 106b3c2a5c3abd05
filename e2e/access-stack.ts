import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { builtFiles } from "@/demo/dashboard";
import { waitForHttp } from "@/demo/processes";
import { freePorts, processesMentioning, projectDir } from "@/demo/test-helpers";

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A dashboard as an operator runs it, outside the demo: sign-in required, a viewer and an admin,
 * a reverse proxy trusted from 127.0.0.1 only, one extra host name and a metrics token. It reads
 * the simulated cluster of `demo/main.ts --no-dashboard`, and is started without HOSTNAME, so it
 * listens where the built server listens by default.
 */
export class AccessStack {
  readonly scratch = mkdtempSync(path.join(tmpdir(), "tb-e2e-access-"));
  port = 0;
  private demo: ChildProcess | null = null;
  private dashboard: ChildProcess | null = null;
  readonly viewerToken = "viewer-token-0123456789abcdef";

  get adminToken(): string {
    return readFileSync(path.join(this.scratch, "admin-token"), "utf8").trim();
  }

  async start(): Promise<void> {
    const ports = await freePorts(4);
    this.port = ports[0]!;
    this.demo = spawn(
      process.execPath,
      [
        ...["--import", "tsx", "demo/main.ts", "--no-dashboard"],
        ...["--pve-port", String(ports[1]), "--control-port", String(ports[2])],
        ...["--agent-port", String(ports[3]), "--interval-ms", "1000"],
        ...["--work-dir", this.scratch, "--scenario", "healthy-3-node"],
      ],
      { cwd: projectDir, stdio: ["ignore", "pipe", "inherit"] },
    );
    let stdout = "";
    await new Promise<void>((resolve, reject) => {
      this.demo!.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("simulated cluster ready")) resolve();
      });
      this.demo!.once("exit", (code) => reject(new Error(`the demo exited (${code}) early`)));
    });
    const configFile = path.join(this.scratch, "dashboard.json");
    const config = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
    const viewerFile = path.join(this.scratch, "viewer-token");
    writeFileSync(viewerFile, `${this.viewerToken}\n`, { mode: 0o600 });
    const metricsFile = path.join(this.scratch, "metrics-token");
    writeFileSync(metricsFile, "metrics-token-0123456789\n", { mode: 0o600 });
    const operator = {
      ...config,
      admins: [
        ...(config.admins as object[]),
        { name: "vera", tokenFile: viewerFile, role: "viewer" },
      ],
      access: {
        mode: "login",
        proxyAuth: {
          header: "X-Forwarded-User",
          trustedProxies: ["127.0.0.1"],
          adminUsers: ["boss"],
        },
      },
      allowedHosts: ["dash.example"],
      metricsTokenFile: metricsFile,
    };
    writeFileSync(path.join(this.scratch, "operator.json"), JSON.stringify(operator, null, 2));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(this.port),
      TIEBREAKER_CONFIG: path.join(this.scratch, "operator.json"),
    };
    delete env.HOSTNAME;
    this.dashboard = spawn(process.execPath, [builtFiles(projectDir).dashboardServer], {
      cwd: projectDir,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForHttp(`http://127.0.0.1:${this.port}/api/health`, 60_000, "the dashboard");
  }

  async stop(): Promise<string[]> {
    for (const child of [this.dashboard, this.demo]) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }
    const left = processesMentioning(this.scratch).map(String);
    rmSync(this.scratch, { recursive: true, force: true });
    return left;
  }

  /** One HTTP request as any client can send it: any Host, any headers, from any local address. */
  call(
    method: string,
    pathAndQuery: string,
    options: {
      headers?: Record<string, string>;
      body?: string;
      localAddress?: string;
      host?: string;
    } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: options.host ?? "127.0.0.1",
          port: this.port,
          method,
          path: pathAndQuery,
          localAddress: options.localAddress,
          headers: options.headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
        },
      );
      req.on("error", reject);
      req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${pathAndQuery} timed out`)));
      req.end(options.body);
    });
  }

  /** The session cookie a token signs in to. */
  async signIn(token: string): Promise<string> {
    const answer = await this.call("POST", "/api/admin/login", {
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ token }),
    });
    const cookie = [answer.headers["set-cookie"] ?? []].flat()[0];
    if (answer.status !== 200 || !cookie) throw new Error(`sign-in failed: ${answer.status}`);
    return cookie.split(";")[0]!;
  }
}
