import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { collectReport } from "@/agent/collect";
import { createAgentServer } from "@/agent/server";
import { rootReader } from "@/agent/sources/root";
import { forNode } from "./identity";
import { pollAgent } from "./poll";

const TOKEN = "agent-token-0123456789abcdef";
const pve1 = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../scenarios/healthy-3-node/nodes/pve1",
);
let server: Server | null = null;

async function listen(s: Server): Promise<string> {
  server = s;
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

describe("polling an agent that misbehaves", () => {
  it("headers, then nothing: the deadline covers the body too → timeout", async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write('{"node": "pve1", ');
      }),
    );
    // Without the deadline on the body this would wait for as long as the server holds the socket.
    const result = await pollAgent(url, TOKEN, 500);
    expect(result).toMatchObject({ ok: false, failure: { kind: "timeout" } });
  });

  it("a 100 MB answer: reading stops at 8 MiB with a clear error, and the rest is never sent", async () => {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        const pump = () => {
          while (sent < 100 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
      }),
    );
    const result = await pollAgent(url, TOKEN, 10_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.message).toContain("report larger than 8388608 bytes");
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it("text that is not JSON → garbage, named as such", async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end('{"node": "pve1", "sections": {');
      }),
    );
    expect(await pollAgent(url, TOKEN, 2_000)).toMatchObject({
      ok: false,
      failure: { kind: "garbage", message: expect.stringContaining("not JSON") as string },
    });
  });

  it("JSON that is not a report → garbage naming the schema problem", async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ node: 42, hello: "world" }));
      }),
    );
    const result = await pollAgent(url, TOKEN, 2_000);
    expect(result).toMatchObject({ ok: false, failure: { kind: "garbage" } });
  });

  it("a valid report for another node is not attributed to this one", async () => {
    const url = await listen(
      createAgentServer({
        report: () =>
          collectReport(rootReader(pve1, { timeoutMs: 2_000, maxOutputBytes: 1 << 20 })),
        reportTokens: [TOKEN],
        metricsTokens: [],
      }),
    );
    const poll = await pollAgent(url, TOKEN, 5_000);
    expect(poll.ok).toBe(true);
    expect(forNode(poll, "pve1", url)).toBe(poll);
    const wrong = forNode(poll, "pve2", url);
    expect(wrong).toMatchObject({ ok: false, failure: { kind: "garbage" } });
    if (!wrong.ok)
      expect(wrong.failure.message).toBe(
        `agent at ${new URL(url).host} reported node "pve1", not "pve2"; its report is not used for pve2`,
      );
  });

  it("a connection closed before any answer (a kept-alive socket the agent just dropped) → asked once more, and the report arrives", async () => {
    const agent = createAgentServer({
      report: () => collectReport(rootReader(pve1, { timeoutMs: 2_000, maxOutputBytes: 1 << 20 })),
      reportTokens: [TOKEN],
      metricsTokens: [],
    });
    let requests = 0;
    const url = await listen(
      createServer((req, res) => {
        if (++requests === 1) req.socket.destroy();
        else agent.emit("request", req, res);
      }),
    );
    const poll = await pollAgent(url, TOKEN, 5_000);
    expect(poll.ok).toBe(true);
    expect(requests).toBe(2);
  });

  it("an agent that drops every connection → asked twice at most, then a clear failure", async () => {
    let requests = 0;
    const url = await listen(
      createServer((req) => {
        requests++;
        req.socket.destroy();
      }),
    );
    const poll = await pollAgent(url, TOKEN, 5_000);
    expect(poll.ok).toBe(false);
    expect(requests).toBe(2);
  });

  it("an agent that holds this server off after wrong tokens → auth, with the wait", async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(429, { "Retry-After": "6" });
        res.end();
      }),
    );
    const result = await pollAgent(url, TOKEN, 2_000);
    expect(result).toMatchObject({ ok: false, failure: { kind: "auth" } });
    if (!result.ok) expect(result.failure.message).toContain("retry after 6 s");
  });
});
