import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturesDir } from "@/lib/parsers/test-helpers";
import { type RunningAgent, startAgentProcess, stopAgentProcess } from "./test-agent";
import { AuthThrottle } from "./throttle";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(projectDir, "agent/dist/tiebreaker-agent.cjs");
const scenarioNode = path.join(projectDir, "scenarios/healthy-3-node/nodes/pve1");
const token = "hardening-token-0123456789abcdef";
let work: string;
let tokenFile: string;

const startAgent = (args: string[]) => startAgentProcess(bundle, args);
const stop = stopAgentProcess;
type Running = RunningAgent;

/** One GET from a chosen loopback source address, so tests can be two different clients. */
function get(
  port: number,
  pathAndQuery: string,
  options: { token?: string; from?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: pathAndQuery,
        localAddress: options.from ?? "127.0.0.1",
        headers: {
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function run(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [bundle, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 10_000,
  });
  return { status: result.status, stderr: result.stderr.toString() };
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "tb-agent-hardening-"));
  tokenFile = path.join(work, "token");
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("agent token file permissions", () => {
  it("a token file only its owner can read starts without a warning", async () => {
    const agent = await startAgent(["--root", scenarioNode, "--token-file", tokenFile]);
    await stop(agent);
    expect(agent.stderr()).not.toMatch(/warning/);
  });

  it("a token file readable by others starts with a warning naming the file and the fix", async () => {
    const open = path.join(work, "open-token");
    writeFileSync(open, `${token}\n`);
    chmodSync(open, 0o644);
    const agent = await startAgent(["--root", scenarioNode, "--token-file", open]);
    await stop(agent);
    expect(agent.stderr()).toContain(
      `warning: token file ${open} is open to group or others (mode 0644); run chmod 600 ${open}`,
    );
  });

  it("--strict refuses a token file readable by the group: exit 2, nothing listens", () => {
    const group = path.join(work, "group-token");
    writeFileSync(group, `${token}\n`);
    chmodSync(group, 0o640);
    const result = run(["serve", "--strict", "--root", scenarioNode, "--token-file", group]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`token file ${group} is open to group or others (mode 0640)`);
    expect(result.stderr).toContain("--strict refuses it");
  });
});

describe("agent --root", () => {
  it.each([
    ["serve", ["serve", "--token-file", "TOKEN"]],
    ["collect", ["collect"]],
  ])("%s with a --root folder that does not exist → exit 2 naming it", (_name, args) => {
    const missing = path.join(work, "no-such-scenario/nodes/pve1");
    const result = run([...args.map((a) => (a === "TOKEN" ? tokenFile : a)), "--root", missing]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`tiebreaker-agent: --root ${missing} does not exist`);
  });

  it("a --root that is a file → exit 2", () => {
    const result = run(["collect", "--root", tokenFile]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--root ${tokenFile} is not a folder`);
  });
});

describe("failed authentication is throttled per client address", () => {
  let agent: Running;
  beforeAll(async () => {
    agent = await startAgent(["--root", scenarioNode, "--token-file", tokenFile]);
  });
  afterAll(() => stop(agent));

  it("after 10 wrong tokens an address gets 429 with Retry-After, even with the right token; another address is unaffected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await get(agent.port, "/v1/report", { token: `wrong-${i}-0123456789` })).status,
      );
    expect(statuses).toEqual(Array(10).fill(401));

    const throttled = await get(agent.port, "/v1/report", { token: "wrong-again-0123456789" });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // Once throttled, a guess is not even compared: the right token waits too.
    expect((await get(agent.port, "/v1/report", { token })).status).toBe(429);
    expect((await get(agent.port, "/metrics")).status).toBe(429);
    // /healthz needs no token and stays open.
    expect((await get(agent.port, "/healthz")).status).toBe(200);

    // The dashboard on another address keeps its access.
    expect((await get(agent.port, "/v1/report", { token, from: "127.0.0.2" })).status).toBe(200);
    expect((await get(agent.port, "/v1/report", { from: "127.0.0.2" })).status).toBe(401);
  });

  it("2,000 wrong tokens in a burst: only the first 10, and one per 6 s after, are compared", async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) =>
        get(agent.port, "/v1/report", { token: `guess-${i}-0123456789`, from: "127.0.0.3" }),
      ),
    );
    const regained = Math.ceil((Date.now() - started) / 6_000);
    const counts = new Map<number, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    expect(counts.get(401)).toBeLessThanOrEqual(10 + regained);
    expect(counts.get(429)).toBe(2_000 - (counts.get(401) ?? 0));
  });
});

describe("AuthThrottle", () => {
  it("an address regains one failure per 60/perMinute seconds, up to the burst", () => {
    let now = 0;
    const throttle = new AuthThrottle({ burst: 3, perMinute: 6, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds("a")).toBe(0);
      throttle.fail("a");
    }
    expect(throttle.retryAfterSeconds("a")).toBe(10);
    expect(throttle.retryAfterSeconds("b")).toBe(0);
    now = 4_000;
    expect(throttle.retryAfterSeconds("a")).toBe(6);
    now = 10_000;
    expect(throttle.retryAfterSeconds("a")).toBe(0);
    throttle.fail("a");
    expect(throttle.retryAfterSeconds("a")).toBe(10);
    now = 10 * 60_000;
    expect(throttle.retryAfterSeconds("a")).toBe(0);
  });
});

describe("no request data reaches a command line", () => {
  const markers = ["MARKER-PATH", "MARKER-QUERY", "MARKER-HEADER", "MARKER-TOKEN"];
  let agent: Running;
  let log: string;

  beforeAll(async () => {
    const bin = path.join(work, "recording-bin");
    mkdirSync(bin, { recursive: true });
    log = path.join(work, "argv.log");
    writeFileSync(log, "");
    // Every tool records its own name and argv, one line per run, and prints nothing.
    const recorder = path.join(bin, "record");
    writeFileSync(recorder, `#!/bin/sh\nline="$*"\necho "$line" >> '${log}'\n`);
    chmodSync(recorder, 0o755);
    const tools = [
      "corosync-quorumtool",
      "corosync-qdevice-tool",
      "corosync-cfgtool",
      "corosync-cmapctl",
      "drbdsetup",
      "drbdadm",
      "mounted.ocfs2",
      "o2cb",
      "journalctl",
      "stdbuf",
    ];
    const config = {
      cacheMs: 0,
      watchMs: 0,
      timeoutMs: 1_000,
      tools: Object.fromEntries(tools.map((t) => [t, [recorder, t]])),
      files: {
        "corosync.conf": path.join(bin, "missing"),
        "proc-drbd": path.join(bin, "missing"),
        "proc-mounts": path.join(
          fixturesDir,
          "ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt",
        ),
        "ocfs2-cluster.conf": path.join(bin, "missing"),
      },
    };
    writeFileSync(path.join(work, "recording.json"), JSON.stringify(config));
    agent = await startAgent([
      "--config",
      path.join(work, "recording.json"),
      "--token-file",
      tokenFile,
      "--node-name",
      "pve1",
    ]);
  });
  afterAll(() => stop(agent));

  it("hostile paths, query strings and headers never appear in the argv of any tool", async () => {
    // A clean collection first: the command lines the agent is built with.
    expect((await get(agent.port, "/v1/report", { token })).status).toBe(200);
    const fixed = new Set(readFileSync(log, "utf8").trim().split("\n"));
    expect(fixed).toContain("corosync-quorumtool -s");
    expect(fixed).toContain("drbdsetup status --json --verbose --statistics");
    expect(fixed).toContain("journalctl -k -n 2000 --no-pager -o short");
    writeFileSync(log, "");

    const hostile = [
      "/v1/report?MARKER-QUERY=$(touch%20/tmp/x);MARKER-QUERY",
      "/v1/report?node=MARKER-QUERY&format=--json%20MARKER-QUERY",
      "/metrics?MARKER-QUERY",
      "/v1/report/MARKER-PATH",
      "/v1/report;MARKER-PATH",
      "/v1/../v1/report?MARKER-QUERY",
      "/%2e%2e/MARKER-PATH",
    ];
    for (const at of hostile)
      await get(agent.port, at, {
        token,
        headers: { "X-Node": "MARKER-HEADER", "User-Agent": "MARKER-HEADER;id" },
      });
    await get(agent.port, "/v1/report", { token: "MARKER-TOKEN-0123456789" });

    const lines = readFileSync(log, "utf8").trim().split("\n");
    // The hostile requests that reached a collection ran tools, and only the fixed lines.
    expect(lines.length).toBeGreaterThan(0);
    for (const marker of markers) expect(lines.filter((l) => l.includes(marker))).toEqual([]);
    expect(lines.filter((l) => !fixed.has(l))).toEqual([]);
  });
});
