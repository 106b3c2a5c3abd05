import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateReport } from "@/lib/agents/schema";
import { fixturesDir } from "@/lib/parsers/test-helpers";
import { type RunningAgent, startAgentProcess, stopAgentProcess } from "./test-agent";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bundle = path.join(projectDir, "agent/dist/tiebreaker-agent.cjs");
const scenarioNode = path.join(projectDir, "scenarios/drbd9-split-brain/nodes");
const token = "test-token-0123456789abcdef";
let work: string;

type Running = RunningAgent;

const startAgent = (args: string[]) =>
  startAgentProcess(bundle, ["--token-file", path.join(work, "token"), ...args]);
const stop = stopAgentProcess;

const auth = { headers: { Authorization: `Bearer ${token}` } };

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "tb-agent-"));
  writeFileSync(path.join(work, "token"), `${token}\n`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("agent bundle", () => {
  it("needs nothing but Node's own modules on the node", () => {
    const requires = [...readFileSync(bundle, "utf8").matchAll(/require\("([^"]+)"\)/g)].map(
      (m) => m[1]!,
    );
    expect(requires.length).toBeGreaterThan(0);
    expect(requires.filter((name) => !name.startsWith("node:"))).toEqual([]);
  });
});

describe("agent announcing changes on /v1/events", () => {
  let agent: Running;
  let node: string;
  beforeAll(async () => {
    node = path.join(work, "events-node");
    cpSync(path.join(projectDir, "scenarios/corosync-two-links-healthy/nodes/pve1"), node, {
      recursive: true,
    });
    writeFileSync(path.join(work, "events.json"), JSON.stringify({ watchMs: 50, cacheMs: 60_000 }));
    agent = await startAgent(["--root", node, "--config", path.join(work, "events.json")]);
  });
  afterAll(() => stop(agent));

  it("refuses the stream without the token", async () => {
    expect((await fetch(`${agent.base}/v1/events`)).status).toBe(401);
  });

  it("streams a change event when knet's link state changes, and the next report shows it despite the cache", async () => {
    const before = (await (await fetch(`${agent.base}/v1/report`, auth)).json()) as {
      sections: { links: { data: { stats: { nodes: { links: { connected: boolean }[] }[] } } } };
    };
    expect(before.sections.links.data.stats.nodes[1]!.links[1]!.connected).toBe(true);
    const controller = new AbortController();
    const response = await fetch(`${agent.base}/v1/events`, { ...auth, signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain("retry:");
    cpSync(
      path.join(
        projectDir,
        "scenarios/corosync-link-down-one-node/nodes/pve1/corosync-cmapctl-stats.txt",
      ),
      path.join(node, "corosync-cmapctl-stats.txt"),
    );
    while (!text.includes("event: change")) text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(/data: \{"seq":1,"probes":\["knet"\]/);
    controller.abort();
    const after = (await (await fetch(`${agent.base}/v1/report`, auth)).json()) as typeof before;
    expect(after.sections.links.data.stats.nodes[1]!.links[1]!.connected).toBe(false);
  });
});

describe("agent serving a scenario node folder (--root)", () => {
  let agent: Running;
  beforeAll(async () => {
    agent = await startAgent(["--root", path.join(scenarioNode, "pve1")]);
  });
  afterAll(() => stop(agent));

  it("answers /healthz without a token and without node details", async () => {
    const response = await fetch(`${agent.base}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["status", "version"]);
  });

  it.each([
    ["no token", {}],
    ["a wrong token", { headers: { Authorization: "Bearer nope-nope-nope-nope" } }],
    ["another scheme", { headers: { Authorization: `Basic ${token}` } }],
  ])("refuses /v1/report with %s (401)", async (_name, init) => {
    const response = await fetch(`${agent.base}/v1/report`, init);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("serves the node's report, valid against the server's schema, with DRBD split-brain facts", async () => {
    const response = await fetch(`${agent.base}/v1/report`, auth);
    expect(response.status).toBe(200);
    const checked = validateReport(await response.json());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const { report } = checked;
    expect(report.node).toBe("pve1");
    expect(report.mode).toBe("root");
    expect(report.sections.corosync.status).toBe("ok");
    const drbd = report.sections.drbd;
    expect(drbd.status).toBe("ok");
    if (drbd.status === "ok") {
      const states = drbd.data.resources.flatMap((r) =>
        r.connections.map((c) => c.connectionState),
      );
      expect(states).toContain("StandAlone");
    }
    expect(report.sections.kernelLog).toMatchObject({ status: "absent", reason: "not-installed" });
  });

  it("serves Prometheus metrics with the same token", async () => {
    const response = await fetch(`${agent.base}/metrics`, auth);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain("# TYPE tiebreaker_corosync_quorate gauge");
    expect(text).toMatch(
      /tiebreaker_drbd_connection_state\{resource="[^"]+",peer="[^"]*",state="StandAlone"\} 1/,
    );
    expect((await fetch(`${agent.base}/metrics`)).status).toBe(401);
  });

  it("shares one collection between concurrent requests", async () => {
    const reports = await Promise.all(
      Array.from(
        { length: 20 },
        async () =>
          ((await (await fetch(`${agent.base}/v1/report`, auth)).json()) as { collectedAt: string })
            .collectedAt,
      ),
    );
    expect(new Set(reports).size).toBeLessThanOrEqual(2);
  });
});

describe("agent reading the live system through configured tools", () => {
  let agent: Running;
  beforeAll(async () => {
    const bin = path.join(work, "bin");
    execFileSync("mkdir", ["-p", bin]);
    const tool = (name: string, body: string) => {
      const file = path.join(bin, name);
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
      return file;
    };
    const fixture = path.join(
      fixturesDir,
      "corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt",
    );
    const config = {
      timeoutMs: 1_000,
      cacheMs: 0,
      tools: {
        "corosync-quorumtool": tool("quorumtool", `cat '${fixture}'`),
        "corosync-qdevice-tool": tool("qdevice-tool", "exec sleep 30"),
        drbdsetup: tool("drbdsetup", "echo '{ this is not json'"),
        drbdadm: tool("drbdadm", "echo 'garbage ))) 123'; exit 3"),
        "mounted.ocfs2": path.join(bin, "does-not-exist"),
        o2cb: path.join(bin, "does-not-exist"),
        journalctl: tool("journalctl", "echo"),
      },
      files: {
        "corosync.conf": path.join(bin, "missing.conf"),
        "proc-drbd": path.join(bin, "missing"),
        "proc-mounts": path.join(
          fixturesDir,
          "ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt",
        ),
        "ocfs2-cluster.conf": path.join(bin, "missing"),
      },
    };
    writeFileSync(path.join(work, "live.json"), JSON.stringify(config));
    agent = await startAgent(["--config", path.join(work, "live.json")]);
  });
  afterAll(() => stop(agent));

  it("reports each source's data or the reason it is absent", async () => {
    const started = Date.now();
    const response = await fetch(`${agent.base}/v1/report`, auth);
    const elapsed = Date.now() - started;
    const checked = validateReport(await response.json());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const s = checked.report.sections;
    expect(s.corosync.status).toBe("ok");
    if (s.corosync.status === "ok") expect(s.corosync.data.flags).toContain("Qdevice");
    expect(s.qdevice).toMatchObject({ status: "absent", reason: "timeout" });
    expect(s.drbd).toMatchObject({ status: "absent", reason: "parse-error" });
    if (s.drbd.status === "absent") expect(s.drbd.message).toMatch(/line \d+/);
    expect(s.ocfs2Mounted).toMatchObject({ status: "absent", reason: "not-installed" });
    expect(s.corosyncConf).toMatchObject({ status: "absent", reason: "not-installed" });
    expect(s.mounts.status).toBe("ok");
    // The hung tool is killed at its own deadline instead of holding the report.
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe("agent startup errors", () => {
  it.each([
    [
      "a missing token file",
      ["serve", "--token-file", "/nonexistent/token"],
      /cannot read token file \/nonexistent\/token: no such file/,
    ],
    ["a config with a wrong field", ["serve", "--config", "BAD"], /field "timeoutMs"/],
    ["an unknown option", ["collect", "--frobnicate", "x"], /unknown option --frobnicate/],
    ["an unknown parse format", ["parse", "xml"], /unknown format "xml"/],
  ])("%s → exit 2 with a clear message", (_name, args, message) => {
    const bad = path.join(work, "bad.json");
    writeFileSync(bad, JSON.stringify({ timeoutMs: "soon" }));
    const argv = args.map((a) => (a === "BAD" ? bad : a));
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [bundle, ...argv], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("parse reads corosync link status and knet statistics", () => {
    const run = (format: string, file: string) =>
      JSON.parse(
        execFileSync(process.execPath, [
          bundle,
          "parse",
          format,
          path.join(fixturesDir, file),
        ]).toString(),
      ) as unknown;
    expect(run("corosync-cfgtool", "lab/cfgtool-s-3node-link1-cut-pve2-pve1.txt")).toMatchObject({
      localNodeId: 1,
      links: [{ linkId: 0 }, { linkId: 1, peers: [{}, { nodeId: 2, status: "disconnected" }, {}] }],
    });
    expect(
      run("corosync-cmapctl-stats", "lab/cmapctl-m-stats-3node-link1-cut-pve2-pve1.txt"),
    ).toMatchObject({
      nodes: [{ nodeId: 1 }, { nodeId: 2, links: [{ connected: true }, { connected: false }] }, {}],
    });
  });

  it("parse prints one parser's JSON and exits 2 on text it cannot read", () => {
    const out = execFileSync(process.execPath, [
      bundle,
      "parse",
      "corosync-quorumtool",
      path.join(fixturesDir, "corosync-cli/lab/quorumtool-s-3node-healthy.txt"),
    ]);
    expect(JSON.parse(out.toString())).toMatchObject({ quorate: true, expectedVotes: 3 });
    let status = 0;
    try {
      execFileSync(process.execPath, [bundle, "parse", "proc-drbd"], {
        input: "\u0000\u0001 binary",
        stdio: ["pipe", "ignore", "pipe"],
      });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
