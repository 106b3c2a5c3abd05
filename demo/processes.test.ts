import { describe, expect, it } from "vitest";
import { DemoPortError } from "./errors";
import { runningChildren, startAndWait } from "./processes";
import { freePorts } from "./test-helpers";

const claim = { host: "127.0.0.1", port: 1, flag: "--port", what: "the dashboard" };

async function startScript(script: string, port: number) {
  return startAndWait(process.execPath, ["-e", script], {
    readyUrl: `http://127.0.0.1:${port}/`,
    timeoutMs: 10_000,
    what: "the test server",
    claim: { ...claim, port },
    stdout: "forward",
  });
}

describe("starting a child and waiting for it", () => {
  it("a child that dies of EADDRINUSE → DemoPortError, its stack trace held back", async () => {
    const [port] = (await freePorts(1)) as [number];
    const script = `const e = new Error("listen EADDRINUSE: address already in use 127.0.0.1:${port}"); e.code = "EADDRINUSE"; console.error("Failed to start server"); console.error(e); process.exit(1);`;
    const error = await startScript(script, port).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DemoPortError);
    expect((error as Error).message).toContain(`port ${port} on 127.0.0.1`);
    expect(runningChildren()).toEqual([]);
  });

  it("a child that dies otherwise → its last message line, without the stack frames", async () => {
    const [port] = (await freePorts(1)) as [number];
    const error = await startScript(
      `console.error(new Error("config file is missing")); process.exit(1);`,
      port,
    ).catch((err: unknown) => err as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      "the test server stopped before it answered (exit code 1): Error: config file is missing",
    );
  });

  it("a child that answers is returned running", async () => {
    const [port] = (await freePorts(1)) as [number];
    const child = await startScript(
      `require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1");`,
      port,
    );
    expect(runningChildren()).toEqual([child.pid]);
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  });
});
