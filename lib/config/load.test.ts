import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, resolveConfig } from "./load";

const dir = mkdtempSync(path.join(tmpdir(), "tb-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secret = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

function cluster(overrides: Record<string, unknown> = {}, proxmox: Record<string, unknown> = {}) {
  return {
    id: "prod",
    proxmox: {
      urls: ["https://pve1.example:8006"],
      tokenId: "tiebreaker@pve!dashboard",
      tokenSecret: secret,
      ...proxmox,
    },
    ...overrides,
  };
}

describe("dashboard configuration", () => {
  it("accepts a minimal cluster and fills defaults", () => {
    const config = resolveConfig({ clusters: [cluster()] });
    expect(config.clusters[0]).toMatchObject({
      id: "prod",
      intervalMs: 5_000,
      proxmox: { timeoutMs: 5_000 },
    });
    expect(config.clusters[0]!.secrets.proxmoxToken).toBe(secret);
    expect(config.thresholds.clockSkewMs).toBe(1_000);
  });

  it.each([
    [
      "a token id without realm",
      { clusters: [cluster({}, { tokenId: "dashboard" })] },
      /clusters\.0\.proxmox\.tokenId/,
    ],
    ["no API URL", { clusters: [cluster({}, { urls: [] })] }, /clusters\.0\.proxmox\.urls/],
    [
      "a fingerprint that is not SHA-256",
      { clusters: [cluster({}, { fingerprint: "AB:CD" })] },
      /clusters\.0\.proxmox\.fingerprint/,
    ],
    [
      "both a CA and a pin",
      {
        clusters: [
          cluster({}, { fingerprint: "AA:".repeat(31) + "AA", caFile: "/etc/pve/pve-root-ca.pem" }),
        ],
      },
      /fingerprint: set caFile or fingerprint/,
    ],
    [
      "two secrets",
      { clusters: [cluster({}, { tokenSecretEnv: "PVE_SECRET" })] },
      /tokenSecret: set exactly one/,
    ],
    ["an unknown field", { clusters: [cluster({ colour: "red" })] }, /clusters\.0/],
    [
      "a secret that is not a UUID",
      { clusters: [cluster({}, { tokenSecret: "hunter2" })] },
      /lowercase UUID/,
    ],
    [
      "an interval below half a second",
      { clusters: [cluster({ intervalMs: 10 })] },
      /clusters\.0\.intervalMs/,
    ],
    [
      "the same id twice",
      { clusters: [cluster(), cluster()] },
      /clusters\.1\.id: "prod" is used twice/,
    ],
    [
      "an unset secret variable",
      { clusters: [cluster({}, { tokenSecret: undefined, tokenSecretEnv: "TB_TEST_UNSET" })] },
      /TB_TEST_UNSET is not set/,
    ],
  ])("refuses %s, naming the field", (_name, raw, message) => {
    expect(() => resolveConfig(raw, {})).toThrow(message);
  });

  it("reads secrets from files and the environment, never from NEXT_PUBLIC variables", () => {
    const tokenFile = path.join(dir, "agent-token");
    writeFileSync(tokenFile, "agent-secret-0123456789\n");
    const config = resolveConfig(
      {
        clusters: [
          cluster(
            { agents: { tokenFile } },
            { tokenSecret: undefined, tokenSecretEnv: "PVE_SECRET" },
          ),
        ],
      },
      { PVE_SECRET: secret },
    );
    expect(config.clusters[0]!.secrets).toMatchObject({
      proxmoxToken: secret,
      agentToken: "agent-secret-0123456789",
    });
  });

  it("explains a missing or malformed config file", () => {
    expect(() => loadConfig({})).toThrow(/TIEBREAKER_CONFIG/);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{ clusters: ");
    expect(() => loadConfig({ TIEBREAKER_CONFIG: bad })).toThrow(/not valid JSON/);
  });

  describe("admins", () => {
    const token = "an-admin-token-of-32-characters!";
    const sha = createHash("sha256").update(token).digest("hex");

    it("has none by default: the dashboard stays read-only", () => {
      expect(resolveConfig({ clusters: [cluster()] }).admins).toEqual([]);
    });

    it("keeps only the token's hash, from the hash itself, a file or the environment", () => {
      const file = path.join(dir, "admin-token");
      writeFileSync(file, `${token}\n`);
      const config = resolveConfig(
        {
          clusters: [cluster()],
          admins: [
            { name: "a", tokenSha256: sha },
            { name: "b", tokenFile: file, clusters: ["prod"] },
            { name: "c", tokenEnv: "TB_ADMIN" },
          ],
        },
        { TB_ADMIN: token },
      );
      expect(config.admins.map((a) => a.tokenSha256?.toString("hex"))).toEqual([sha, sha, sha]);
      expect(config.admins[1]!.clusters).toEqual(["prod"]);
      expect(JSON.stringify(config.admins)).not.toContain(token);
    });

    it.each([
      [
        "two ways to give the token",
        { name: "a", tokenSha256: sha, tokenEnv: "X" },
        /admins\.0\.tokenSha256/,
      ],
      [
        "an unknown cluster",
        { name: "a", tokenSha256: sha, clusters: ["nope"] },
        /admins\.0\.clusters: no cluster "nope"/,
      ],
      ["a short token", { name: "a", tokenEnv: "SHORT" }, /at least 16 characters/],
    ])("refuses %s, naming the field", (_, admin, message) => {
      expect(() =>
        resolveConfig({ clusters: [cluster()], admins: [admin] }, { SHORT: "abc" }),
      ).toThrow(message);
    });
  });
});
