import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveConfig } from "./load";

const dir = mkdtempSync(path.join(tmpdir(), "tb-display-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secretFile = path.join(dir, "session-secret");
writeFileSync(secretFile, "a-session-secret-of-some-length\n");
const cluster = (id: string) => ({
  id,
  proxmox: {
    urls: ["https://pve1.example:8006"],
    tokenId: "tiebreaker@pve!dashboard",
    tokenSecret: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
  },
});
const hash = (text: string) => createHash("sha256").update(text).digest("hex");

function withKeys(displayKeys: unknown, extra: Record<string, unknown> = {}) {
  return resolveConfig({
    clusters: [cluster("prod"), cluster("lab")],
    adminSessionSecretFile: secretFile,
    displayKeys,
    ...extra,
  });
}

describe("display keys in the configuration", () => {
  it("has none by default", () => {
    expect(resolveConfig({ clusters: [cluster("prod")] }).displayKeys).toEqual([]);
  });

  it("keeps only the sha256 of a key, from the config or read from a file", () => {
    const keyFile = path.join(dir, "noc-key");
    writeFileSync(keyFile, "noc-wall-key-0123456789\n");
    const config = withKeys([
      { id: "lobby", keySha256: hash("lobby-key"), clusters: ["prod"] },
      { id: "noc", keyFile, revoked: true },
    ]);
    expect(config.displayKeys).toEqual([
      {
        id: "lobby",
        keySha256: Buffer.from(hash("lobby-key"), "hex"),
        clusters: ["prod"],
        revoked: false,
      },
      {
        id: "noc",
        keySha256: Buffer.from(hash("noc-wall-key-0123456789"), "hex"),
        clusters: "*",
        revoked: true,
      },
    ]);
  });

  it.each([
    [
      "both a hash and a file",
      [{ id: "a", keySha256: hash("x"), keyFile: "/k" }],
      /displayKeys\.0\.keySha256: set exactly one/,
    ],
    ["neither", [{ id: "a" }], /displayKeys\.0\.keySha256: set exactly one/],
    [
      "an uppercase hash",
      [{ id: "a", keySha256: hash("x").toUpperCase() }],
      /displayKeys\.0\.keySha256/,
    ],
    [
      "an id used twice",
      [
        { id: "a", keySha256: hash("x") },
        { id: "a", keySha256: hash("y") },
      ],
      /displayKeys\.1\.id: "a" is used twice/,
    ],
    [
      "an unknown cluster",
      [{ id: "a", keySha256: hash("x"), clusters: ["qa"] }],
      /displayKeys\.0\.clusters: no cluster "qa"/,
    ],
    [
      "a missing key file",
      [{ id: "a", keyFile: path.join(dir, "nope") }],
      /displayKeys\.0\.keyFile: cannot read .*ENOENT/,
    ],
  ])("refuses %s", (_, keys, message) => {
    expect(() => withKeys(keys)).toThrow(message);
  });

  it("refuses a short key in a file", () => {
    const keyFile = path.join(dir, "short-key");
    writeFileSync(keyFile, "short\n");
    expect(() => withKeys([{ id: "a", keyFile }])).toThrow(/at least 16 characters/);
  });

  it("needs a session secret file, so paired displays survive a restart", () => {
    expect(() =>
      resolveConfig({
        clusters: [cluster("prod")],
        displayKeys: [{ id: "a", keySha256: hash("x") }],
      }),
    ).toThrow(/displayKeys: set adminSessionSecretFile too/);
  });
});
