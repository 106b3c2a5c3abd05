import { createHmac } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { notificationsSchema, resolveNotifications } from "@/lib/config/notify-schema";
import type { Finding } from "@/lib/health/types";
import { FindingOutbox } from "@/lib/history/finding-outbox";
import type { SqliteHistoryStore } from "@/lib/history/sqlite-store";
import { openPostgresHistory } from "@/lib/history/pg-store";
import { PgSyncSession } from "@/lib/history/pg-sync";
import { startTestPostgres, type TestPostgres } from "@/lib/history/pg-test-server";
import { historyPerTest } from "@/lib/history/test-helpers";
import { NotificationDispatcher } from "./dispatcher";
import { finding, loopbackReceiver, type LoopbackReceiver } from "./test-helpers";

const T0 = Date.parse("2026-11-30T08:00:00Z");
const INTERVAL = 5_000;
const SECRETS = {
  am: "am-proxy-token-5d1c9",
  hook: "whsec-0f7c2b8e51a94d36",
  ntfy: "tk_ntfyaccesstoken0123456789abc",
  gatus: "gatus-push-token-77aa",
};
const RETRY = { initialDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 4 };

const history = historyPerTest("tb-notify-");
const DRIVERS = ["sqlite", "postgres"] as const;
let driver: (typeof DRIVERS)[number] = "sqlite";
let pg: { server: TestPostgres; admin: PgSyncSession } | null = null;
let databases = 0;
let database: string | null = null;
const pgStores: SqliteHistoryStore[] = [];

/** The test's history store; opened again on the same file or database after a restart. */
function store(): SqliteHistoryStore {
  if (driver === "sqlite") return history.store();
  if (database === null) {
    database = `notify_${++databases}`;
    pg!.admin.query(`CREATE DATABASE ${database}`);
  }
  const s = openPostgresHistory(pg!.server.url.replace(/\/postgres$/, `/${database}`));
  pgStores.push(s);
  return s;
}
let now: number;
let logs: string[];
const servers: LoopbackReceiver[] = [];
const dispatchers: NotificationDispatcher[] = [];

beforeEach(() => {
  now = T0;
  logs = [];
  for (const [name, value] of Object.entries(SECRETS))
    writeFileSync(path.join(history.dir(), `${name}.secret`), `${value}\n`);
});
afterEach(async () => {
  for (const d of dispatchers.splice(0)) {
    d.stop();
    await d.idle();
  }
  await Promise.all(servers.splice(0).map((s) => s.close()));
  // Whatever happened, no secret reached a log line.
  const errors = JSON.stringify(logs);
  for (const secret of Object.values(SECRETS)) expect(errors).not.toContain(secret);
  for (const s of pgStores.splice(0)) s.close();
  database = null;
});

async function server(fallback: number | "hang" = 200): Promise<LoopbackReceiver> {
  const s = await loopbackReceiver(fallback);
  servers.push(s);
  return s;
}

/** The config as an operator writes it, resolved the way the server does (secrets from files). */
function config(receivers: Record<string, unknown>[]) {
  const parsed = notificationsSchema.parse({
    dashboardUrl: "https://tiebreaker.example.org/",
    retry: RETRY,
    receivers,
  });
  const resolved = resolveNotifications(parsed, new Set(["c1"]), (f) =>
    readFileSync(f, "utf8").trim(),
  );
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.value;
}

function secretFile(name: keyof typeof SECRETS): string {
  return path.join(history.dir(), `${name}.secret`);
}

function setup(s: SqliteHistoryStore, receivers: Record<string, unknown>[]) {
  const cfg = config(receivers);
  const dispatcher = new NotificationDispatcher({
    store: s,
    config: cfg,
    clusterNames: new Map([["c1", "Lab cluster"]]),
    now: () => now,
    log: (line) => logs.push(line),
  });
  dispatchers.push(dispatcher);
  const outbox = new FindingOutbox(s, {
    route: () => cfg.receivers.map((r) => r.name),
    openAfterIntervals: 0,
    resolveAfterIntervals: 0,
  });
  const observe = (findings: Finding[]) => outbox.observe("c1", INTERVAL, findings, now);
  return { dispatcher, observe };
}

const LOST = finding();
const iso = (ms: number) => new Date(ms).toISOString();

// The same behaviour with the history in SQLite and in a real PostgreSQL the tests start.
describe.each(DRIVERS)("with the history in %s", (d) => {
  beforeAll(async () => {
    driver = d;
    if (d === "postgres") {
      const server = await startTestPostgres();
      pg = { server, admin: new PgSyncSession(server.url) };
    }
  }, 120_000);
  afterAll(async () => {
    pg?.admin.close();
    await pg?.server.stop();
    pg = null;
  }, 60_000);

  describe("Alertmanager", () => {
    it("gets a firing alert on POST /api/v2/alerts, the same alert resolved, and refreshes", async () => {
      const am = await server();
      const s = store();
      const { dispatcher, observe } = setup(s, [
        {
          type: "alertmanager",
          name: "am",
          url: `${am.url}/`,
          bearerTokenFile: secretFile("am"),
          labels: { team: "storage" },
        },
      ]);
      observe([LOST]);
      await dispatcher.tick();
      expect(am.requests).toHaveLength(1);
      const [fired] = am.requests;
      expect(fired).toMatchObject({ method: "POST", url: "/api/v2/alerts" });
      expect(fired?.headers["content-type"]).toBe("application/json");
      expect(fired?.headers.authorization).toBe(`Bearer ${SECRETS.am}`);
      const alert = {
        labels: {
          team: "storage",
          alertname: "quorum.lost",
          severity: "critical",
          cluster: "c1",
          subject: "cluster",
          source: "tiebreaker",
        },
        annotations: { summary: LOST.title, description: LOST.detail, remedy: LOST.remedy },
        startsAt: iso(T0),
        // Held for four refresh periods, as Prometheus holds its alerts.
        endsAt: iso(T0 + 4 * 60_000),
        generatorURL: "https://tiebreaker.example.org/?cluster=c1",
      };
      expect(JSON.parse(fired!.body)).toEqual([alert]);

      now = T0 + 60_000;
      await dispatcher.refresh();
      expect(JSON.parse(am.requests[1]!.body)).toEqual([{ ...alert, endsAt: iso(now + 240_000) }]);

      now = T0 + 90_000;
      observe([]);
      await dispatcher.tick();
      expect(am.requests).toHaveLength(3);
      expect(JSON.parse(am.requests[2]!.body)).toEqual([{ ...alert, endsAt: iso(T0 + 90_000) }]);
      // Nothing open: the refresh has nothing to say.
      await dispatcher.refresh();
      expect(am.requests).toHaveLength(3);
      expect(s.deliveries().map((d) => [d.transition, d.status, d.attempts])).toEqual([
        ["open", "sent", 1],
        ["close", "sent", 1],
      ]);
    });
  });

  describe("webhook", () => {
    it("posts the documented JSON, signed with HMAC-SHA256 over the timestamp and the body", async () => {
      const hook = await server();
      const s = store();
      const { dispatcher, observe } = setup(s, [
        {
          type: "webhook",
          name: "hook",
          url: `${hook.url}/hooks/tiebreaker?src=pve`,
          secretFile: secretFile("hook"),
        },
      ]);
      observe([LOST]);
      await dispatcher.tick();
      const [req] = hook.requests;
      expect(req).toMatchObject({ method: "POST", url: "/hooks/tiebreaker?src=pve" });
      const deliveryId = s.deliveries()[0]!.id;
      expect(JSON.parse(req!.body)).toEqual({
        version: 1,
        event: "opened",
        deliveryId,
        cluster: { id: "c1", name: "Lab cluster" },
        finding: {
          rule: "quorum.lost",
          severity: "critical",
          subject: "cluster",
          title: LOST.title,
          detail: LOST.detail,
          remedy: LOST.remedy,
        },
        openedAt: iso(T0),
        closedAt: null,
        url: "https://tiebreaker.example.org/?cluster=c1",
      });
      const timestamp = String(T0 / 1000);
      expect(req!.headers).toMatchObject({
        "content-type": "application/json",
        "user-agent": "Tiebreaker",
        "x-tiebreaker-event": "opened",
        "x-tiebreaker-delivery": String(deliveryId),
        "x-tiebreaker-timestamp": timestamp,
      });
      // The receiver's side of the check, as docs/notifications.md shows it.
      const expected = createHmac("sha256", SECRETS.hook)
        .update(`${timestamp}.${req!.body}`)
        .digest("hex");
      expect(req!.headers["x-tiebreaker-signature"]).toBe(`sha256=${expected}`);
      expect(JSON.stringify(req!.headers)).not.toContain(SECRETS.hook);

      now = T0 + 30_000;
      observe([]);
      await dispatcher.tick();
      const closed = JSON.parse(hook.requests[1]!.body) as { event: string; closedAt: string };
      expect(closed).toMatchObject({ event: "closed", closedAt: iso(T0 + 30_000) });
      expect(hook.requests[1]!.headers["x-tiebreaker-event"]).toBe("closed");
    });

    it("sends no signature header without a secret", async () => {
      const hook = await server();
      const { dispatcher, observe } = setup(store(), [
        { type: "webhook", name: "hook", url: hook.url },
      ]);
      observe([LOST]);
      await dispatcher.tick();
      expect(hook.requests[0]!.headers["x-tiebreaker-signature"]).toBeUndefined();
    });
  });

  describe("ntfy", () => {
    it("posts the message to the topic URL with Title, Priority, Tags, Click and the token", async () => {
      const ntfy = await server();
      const s = store();
      const { dispatcher, observe } = setup(s, [
        {
          type: "ntfy",
          name: "phone",
          url: `${ntfy.url}/pve-alerts`,
          tokenFile: secretFile("ntfy"),
        },
      ]);
      const skew = finding({
        rule: "node.clock-skew",
        severity: "warning",
        subject: "node:pve2",
        title: "pve2's clock is 1.4 s ahead – tickets will fail",
      });
      observe([skew]);
      await dispatcher.tick();
      const [req] = ntfy.requests;
      expect(req).toMatchObject({ method: "POST", url: "/pve-alerts" });
      expect(req!.body).toBe(`${skew.detail}\n\n${skew.remedy}`);
      expect(req!.headers).toMatchObject({
        "content-type": "text/plain; charset=utf-8",
        priority: "4",
        tags: "warning,node.clock-skew,c1",
        click: "https://tiebreaker.example.org/?cluster=c1",
        authorization: `Bearer ${SECRETS.ntfy}`,
      });
      // The dash is not Latin-1: the title travels as an RFC 2047 encoded word, which ntfy decodes.
      const title = req!.headers.title as string;
      expect(title).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(Buffer.from(title.slice(10, -2), "base64").toString("utf8")).toBe(
        `Lab cluster: ${skew.title}`,
      );

      now = T0 + 20_000;
      observe([]);
      await dispatcher.tick();
      const resolved = ntfy.requests[1]!;
      expect(resolved.headers).toMatchObject({
        priority: "3",
        tags: "white_check_mark,node.clock-skew,c1",
      });
      expect(resolved.body).toContain(`No longer found since ${iso(T0 + 20_000)}`);
    });
  });

  describe("Gatus", () => {
    it("pushes the external endpoint's whole state with the bearer token", async () => {
      const gatus = await server();
      const { dispatcher, observe } = setup(store(), [
        {
          type: "gatus",
          name: "gatus",
          url: gatus.url,
          key: "proxmox_tiebreaker",
          tokenFile: secretFile("gatus"),
        },
      ]);
      const skew = finding({ rule: "node.clock-skew", severity: "warning", subject: "node:pve2" });
      observe([LOST, skew]);
      await dispatcher.tick();
      // One push per transition, each saying everything that is open.
      expect(gatus.requests).toHaveLength(2);
      const error = encodeURIComponent(`c1: ${LOST.title}; c1: ${skew.title}`);
      for (const req of gatus.requests) {
        expect(req).toMatchObject({
          method: "POST",
          url: `/api/v1/endpoints/proxmox_tiebreaker/external?success=false&error=${error}`,
          body: "",
        });
        expect(req.headers.authorization).toBe(`Bearer ${SECRETS.gatus}`);
      }
      observe([skew]);
      await dispatcher.tick();
      expect(gatus.requests[2]!.url).toBe(
        `/api/v1/endpoints/proxmox_tiebreaker/external?success=false&error=${encodeURIComponent(`c1: ${skew.title}`)}`,
      );
      observe([]);
      await dispatcher.tick();
      expect(gatus.requests[3]!.url).toBe(
        "/api/v1/endpoints/proxmox_tiebreaker/external?success=true",
      );
      // The refresh keeps Gatus's heartbeat fed with the same state.
      await dispatcher.refresh();
      expect(gatus.requests[4]!.url).toBe(
        "/api/v1/endpoints/proxmox_tiebreaker/external?success=true",
      );
    });
  });

  describe("retries", () => {
    it("retries a receiver that answers 500 after the backoff and delivers once", async () => {
      const hook = await server();
      hook.replies.push(500, 503);
      const s = store();
      const { dispatcher, observe } = setup(s, [{ type: "webhook", name: "hook", url: hook.url }]);
      observe([LOST]);
      await dispatcher.tick();
      expect(s.deliveries()[0]).toMatchObject({
        status: "pending",
        attempts: 1,
        lastError: "HTTP 500 Internal Server Error",
        nextAttemptMs: T0 + 1_000,
      });
      // Not due yet: nothing is sent before the backoff is over.
      now = T0 + 999;
      await dispatcher.tick();
      expect(hook.requests).toHaveLength(1);
      now = T0 + 1_000;
      await dispatcher.tick();
      // The second failure doubles the wait.
      expect(s.deliveries()[0]).toMatchObject({ attempts: 2, nextAttemptMs: T0 + 3_000 });
      now = T0 + 3_000;
      await dispatcher.tick();
      expect(s.deliveries()[0]).toMatchObject({
        status: "sent",
        attempts: 3,
        sentAtMs: T0 + 3_000,
      });
      now = T0 + 60_000;
      await dispatcher.tick();
      expect(hook.requests).toHaveLength(3);
      // Every attempt carries the same delivery and body, so a receiver can drop a repeat.
      expect(new Set(hook.requests.map((r) => r.body)).size).toBe(1);
      expect(logs.filter((l) => l.includes('"hook"'))).toHaveLength(2);
      expect(logs[0]).toContain("attempt 1 failed: HTTP 500");
    });

    it("gives up after the last attempt and says so", async () => {
      const hook = await server(500);
      const s = store();
      const { dispatcher, observe } = setup(s, [{ type: "webhook", name: "hook", url: hook.url }]);
      observe([LOST]);
      for (const wait of [0, 1_000, 2_000, 4_000, 8_000]) {
        now += wait;
        await dispatcher.tick();
      }
      expect(hook.requests).toHaveLength(4);
      expect(s.deliveries()[0]).toMatchObject({ status: "failed", attempts: 4 });
      expect(logs.at(-1)).toContain("attempt 4 failed: HTTP 500 Internal Server Error; giving up");
    });

    it("sends a closing only after its opening, even when the opening needed retries", async () => {
      const hook = await server();
      hook.replies.push(502);
      const s = store();
      const { dispatcher, observe } = setup(s, [{ type: "webhook", name: "hook", url: hook.url }]);
      observe([LOST]);
      await dispatcher.tick();
      now += 100;
      observe([]);
      await dispatcher.tick();
      expect(hook.requests).toHaveLength(1);
      now += 1_000;
      await dispatcher.tick();
      const events = hook.requests.map((r) => (JSON.parse(r.body) as { event: string }).event);
      expect(events).toEqual(["opened", "opened", "closed"]);
    });

    it("times out a hung receiver and retries it, while the others are delivered at once", async () => {
      const hung = await server("hang");
      const good = await server();
      const phone = await server();
      const s = store();
      const { dispatcher, observe } = setup(s, [
        // Long enough that the others are through first even on a loaded machine.
        { type: "webhook", name: "hung", url: hung.url, timeoutMs: 2_000 },
        { type: "webhook", name: "good", url: good.url },
        { type: "ntfy", name: "phone", url: `${phone.url}/t` },
      ]);
      observe([LOST]);
      const tick = dispatcher.tick();
      await vi.waitFor(
        () => {
          expect(s.deliveries("good")[0]?.status).toBe("sent");
          expect(s.deliveries("phone")[0]?.status).toBe("sent");
        },
        { timeout: 2_000 },
      );
      // The others are through while the hung receiver still holds its request.
      expect(hung.hanging()).toBe(1);
      expect(s.deliveries("hung")[0]).toMatchObject({ status: "pending", attempts: 0 });
      await tick;
      expect(s.deliveries("hung")[0]).toMatchObject({
        status: "pending",
        attempts: 1,
        lastError: "no answer within 2000 ms",
        nextAttemptMs: T0 + 1_000,
      });
      hung.fallback = 200;
      now = T0 + 1_000;
      await dispatcher.tick();
      expect(s.deliveries("hung")[0]).toMatchObject({ status: "sent", attempts: 2 });
      expect(hung.requests).toHaveLength(2);
      expect(good.requests).toHaveLength(1);
      expect(phone.requests).toHaveLength(1);
    });

    it("records a receiver that refuses connections without naming its URL", async () => {
      const gone = await server();
      const url = `${gone.url}/secret-topic-name`;
      await gone.close();
      servers.splice(servers.indexOf(gone), 1);
      const s = store();
      const { dispatcher, observe } = setup(s, [{ type: "ntfy", name: "phone", url }]);
      observe([LOST]);
      await dispatcher.tick();
      expect(s.deliveries()[0]?.lastError).toBe("cannot connect (ECONNREFUSED)");
      expect(logs.join("\n")).not.toContain("secret-topic-name");
    });
  });

  describe("two processes on one database", () => {
    it("never send one delivery twice", async () => {
      const hook = await server();
      const receivers = [{ type: "webhook", name: "hook", url: hook.url }];
      const a = setup(store(), receivers);
      const b = setup(store(), receivers);
      a.observe([
        LOST,
        finding({ rule: "node.offline", severity: "warning", subject: "node:pve2" }),
        finding({ rule: "drbd.split-brain", subject: "drbd:vm-100-disk-0" }),
      ]);
      await Promise.all([a.dispatcher.tick(), b.dispatcher.tick(), a.dispatcher.tick()]);
      const ids = hook.requests.map((r) => r.headers["x-tiebreaker-delivery"]);
      expect(ids.sort()).toEqual(["1", "2", "3"]);
    });
  });

  describe("a restart", () => {
    it("does not resend what was sent and does send what was pending", async () => {
      const up = await server();
      const down = await server(503);
      const receivers = [
        { type: "webhook", name: "up", url: up.url },
        { type: "webhook", name: "down", url: down.url },
      ];
      const before = store();
      const first = setup(before, receivers);
      first.observe([LOST]);
      await first.dispatcher.tick();
      expect(before.deliveries().map((d) => [d.receiver, d.status])).toEqual([
        ["up", "sent"],
        ["down", "pending"],
      ]);
      // The process stops; a new one opens the same database file.
      first.dispatcher.stop();
      before.close();

      down.fallback = 200;
      now = T0 + 5 * 60_000;
      const after = store();
      const second = setup(after, receivers);
      second.observe([LOST]);
      await second.dispatcher.tick();
      expect(up.requests).toHaveLength(1);
      expect(down.requests).toHaveLength(2);
      expect(after.deliveries().map((d) => [d.receiver, d.status, d.attempts])).toEqual([
        ["up", "sent", 1],
        ["down", "sent", 2],
      ]);
      // The same delivery, not a new one: the receiver can tell it is the one it missed.
      expect(down.requests[1]!.body).toBe(down.requests[0]!.body);
    });
  });
});
