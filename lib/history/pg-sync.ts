import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";

export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

type Reply = { result: PgResult } | { error: string; code: string | null };

/**
 * Runs in a worker thread: one PostgreSQL session, one query at a time, each answer posted back
 * before the flag the caller waits on is raised. int8 and numeric come back as numbers, as
 * SQLite's integers do (every value stored here is below 2^53: epoch milliseconds and counts).
 */
const WORKER = `
const { workerData } = require("node:worker_threads");
const { Client, types } = require(workerData.pgPath);
types.setTypeParser(20, Number);
types.setTypeParser(1700, Number);
const flag = workerData.flag;
const port = workerData.port;
const client = new Client(workerData.connection);
let broken = null;
client.on("error", (err) => { broken = err; });
const ready = client.connect();
ready.catch((err) => { broken = err; });
port.on("message", async (msg) => {
  let reply;
  try {
    await ready;
    if (broken) throw broken;
    if (msg.op === "end") { await client.end(); reply = { result: { rows: [], rowCount: 0 } }; }
    else {
      const r = await client.query({ text: msg.sql, values: msg.params });
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      reply = { result: { rows: last.rows ?? [], rowCount: last.rowCount ?? 0 } };
    }
  } catch (err) {
    reply = { error: String(err && err.message ? err.message : err), code: (err && err.code) || null };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export class PgQueryError extends Error {
  override name = "PgQueryError";
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/**
 * A PostgreSQL session with a synchronous query call, so the history store keeps the same
 * synchronous interface on both engines. The session lives in a worker thread and the caller
 * blocks until it answers, as better-sqlite3 blocks on disk; each call waits at most `timeoutMs`.
 */
export class PgSyncSession {
  private worker!: Worker;
  private port!: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.spawn();
  }

  get open(): boolean {
    return !this.closed;
  }

  query(sql: string, params: readonly unknown[] = []): PgResult {
    return this.call({ op: "query", sql, params });
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: "end" });
    } catch {
      // A session that is already gone has nothing left to end.
    }
    this.closed = true;
    void this.worker.terminate();
  }

  private spawn(): void {
    // Resolved from the server's folder: the standalone build carries pg in its node_modules.
    const pgPath = createRequire(path.join(process.cwd(), "index.js")).resolve("pg");
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        pgPath,
        connection: { connectionString: this.connectionString },
        flag: this.flag,
        port: port2,
      },
      transferList: [port2],
    });
    this.worker.unref();
  }

  private call(message: { op: "query"; sql: string; params: readonly unknown[] } | { op: "end" }) {
    if (this.closed) throw new PgQueryError("the PostgreSQL session is closed", null);
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    if (Atomics.wait(this.flag, 0, 0, this.timeoutMs) === "timed-out") {
      // Its late answer must not be taken for the next call's: start over with a new session.
      void this.worker.terminate();
      this.port.close();
      this.spawn();
      throw new PgQueryError(`PostgreSQL did not answer within ${this.timeoutMs} ms`, null);
    }
    const reply = receiveMessageOnPort(this.port)?.message as Reply | undefined;
    if (!reply) throw new PgQueryError("PostgreSQL session gave no answer", null);
    if ("error" in reply) throw new PgQueryError(reply.error, reply.code);
    return reply.result;
  }
}
