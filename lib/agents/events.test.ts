import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { followAgentEvents } from "./events";

let server: Server | null = null;

async function serve(handle: (res: ServerResponse, auth: string | undefined) => void) {
  server = createServer((req, res) => handle(res, req.headers.authorization));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

const until = async (check: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe("following an agent's change stream", () => {
  it("looks once when the stream opens, then once per change event, with the bearer token", async () => {
    let stream: ServerResponse | null = null;
    let sentAuth: string | undefined;
    const url = await serve((res, auth) => {
      sentAuth = auth;
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write("retry: 1000\n\n: keep-alive\n\n");
      stream = res;
    });
    let changes = 0;
    const probes: string[][] = [];
    const controller = new AbortController();
    const done = followAgentEvents(
      url,
      "token-0123456789abcdef",
      (p) => {
        changes++;
        probes.push(p);
      },
      controller.signal,
    );
    await until(() => changes === 1);
    expect(sentAuth).toBe("Bearer token-0123456789abcdef");
    stream!.write('event: change\ndata: {"seq":1}\n\n');
    await until(() => changes === 2);
    // A change split across two packets still counts once.
    stream!.write("event: cha");
    stream!.write('nge\ndata: {"seq":2}\n\n');
    await until(() => changes === 3);
    stream!.write('event: change\ndata: {"seq":3,"probes":["quorum","bogus"]}\n\n');
    await until(() => changes === 4);
    expect(probes).toEqual([[], [], [], ["quorum"]]);
    controller.abort();
    await done;
  });

  it("an agent without the stream (404) is not asked again right away", async () => {
    let asked = 0;
    const url = await serve((res) => {
      asked++;
      res.writeHead(404).end();
    });
    let changes = 0;
    const controller = new AbortController();
    const done = followAgentEvents(url, "t", () => changes++, controller.signal);
    await until(() => asked === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect([asked, changes]).toEqual([1, 0]);
    controller.abort();
    await done;
  });

  it("reopens a stream the agent closed", async () => {
    let opened = 0;
    const url = await serve((res) => {
      opened++;
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.end("retry: 1000\n\n");
    });
    const controller = new AbortController();
    const done = followAgentEvents(url, "t", () => {}, controller.signal);
    await until(() => opened >= 2, 5_000);
    controller.abort();
    await done;
  });
});
