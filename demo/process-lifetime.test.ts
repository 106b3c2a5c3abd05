import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePorts, portIsFree, projectDir, runDemo } from "./test-helpers";

// A demo without the dashboard needs only the agent bundle, so these run without `next build`.
const scratch = mkdtempSync(path.join(tmpdir(), "tb-demo-lifetime-"));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

async function demoFlags() {
  const [pvePort, controlPort, agentPort] = (await freePorts(3)) as [number, number, number];
  return {
    pvePort,
    agentPort,
    flags: [
      "--no-dashboard",
      "--scenario",
      "healthy-3-node",
      ...["--pve-port", String(pvePort), "--control-port", String(controlPort)],
      ...["--agent-port", String(agentPort)],
    ],
  };
}

/** Starts the demo's main process and waits for its ready line. */
async function startDemo(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "demo/main.ts", ...args], {
    cwd: projectDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("simulated cluster ready")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`demo exited (${code}) before ready: ${output}`)),
    );
  });
  return child;
}

/** Pids whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .flatMap((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === pid ? [Number(e)] : [];
      } catch {
        return [];
      }
    });
}

/** Running = present in /proc and not a zombie (a zombie holds no port or memory, only a status). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function snapshotFiles(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => statSync(path.join(dir, f)).isFile())
      .map((f) => {
        const file = path.join(dir, f);
        return [f, `${statSync(file).mtimeMs} ${readFileSync(file, "utf8")}`];
      }),
  );
}

describe("a second demo never clobbers the first", () => {
  it("the same --work-dir is refused (exit 4) before anything in it is written; the first keeps its tokens and keeps answering", async () => {
    const workDir = path.join(scratch, "shared");
    const first = await demoFlags();
    const demo = await startDemo([...first.flags, "--work-dir", workDir]);
    const before = snapshotFiles(workDir);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["pve-token", "agent-token"]));

    const second = await demoFlags();
    const run = await runDemo([...second.flags, "--work-dir", workDir]);
    expect(run.code).toBe(4);
    expect(run.stderr.trim()).toBe(
      `demo: ${workDir} holds the state of the demo running as process ${demo.pid}; stop it or choose another folder with --work-dir <dir>`,
    );
    expect(snapshotFiles(workDir)).toEqual(before);
    // Its agents still accept the first demo's token.
    const token = readFileSync(path.join(workDir, "agent-token"), "utf8").trim();
    const report = await fetch(`http://127.0.0.11:${first.agentPort}/v1/report`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(report.status).toBe(200);

    // Same ports, another folder: refused for the port, and the folder is never created.
    const other = path.join(scratch, "other");
    const clash = await runDemo([...first.flags, "--work-dir", other]);
    expect(clash.code).toBe(3);
    expect(existsSync(other)).toBe(false);
    expect(snapshotFiles(workDir)).toEqual(before);

    demo.kill("SIGTERM");
    await until("the first demo to stop", () => demo.exitCode !== null);
    // A stopped demo leaves its folder free for the next run.
    expect(existsSync(path.join(workDir, "demo.pid"))).toBe(false);
  });
});

describe("stopping the demo's main process stops its children", () => {
  it.each(["SIGKILL", "SIGTERM", "SIGINT"] as const)(
    "%s: no agent keeps running or listening",
    async (signal) => {
      const { flags, agentPort } = await demoFlags();
      const demo = await startDemo([...flags, "--work-dir", path.join(scratch, signal)]);
      const children = childrenOf(demo.pid!);
      // One agent per node of healthy-3-node.
      expect(children.filter(running)).toHaveLength(3);

      process.kill(demo.pid!, signal);
      await until(
        "the main process to end",
        () => demo.exitCode !== null || demo.signalCode !== null,
      );
      await until(`every child to end after ${signal}`, () => children.every((p) => !running(p)));
      for (const ip of ["127.0.0.11", "127.0.0.12", "127.0.0.13"])
        expect(await portIsFree(ip, agentPort)).toBe(true);
    },
  );
});
