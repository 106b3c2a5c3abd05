import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DisplayKeySource } from "./display-keys";

const dir = mkdtempSync(path.join(tmpdir(), "tb-display-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hash = (text: string) => createHash("sha256").update(text).digest("hex");

function source(file: string, log: string[] = []) {
  return new DisplayKeySource({
    file,
    clusterIds: new Set(["prod"]),
    sessionSecretConfigured: true,
    initial: [],
    log: (line) => log.push(line),
  });
}

function writeConfig(file: string, displayKeys: unknown) {
  writeFileSync(file, JSON.stringify({ clusters: [], displayKeys }));
}

describe("display keys while the server runs", () => {
  it("sees a revocation on the next check, and reads the file only when it has changed", () => {
    const file = path.join(dir, "follow.json");
    writeConfig(file, [{ id: "noc", keySha256: hash("k") }]);
    const keys = source(file);
    const first = keys.current();
    expect(first.map((k) => [k.id, k.revoked])).toEqual([["noc", false]]);
    expect(keys.current()).toBe(first);

    writeConfig(file, [{ id: "noc", keySha256: hash("k"), revoked: true }]);
    expect(keys.current()[0]!.revoked).toBe(true);
  });

  it("reads a key file again, so a replaced key takes effect", () => {
    const file = path.join(dir, "keyfile.json");
    const keyFile = path.join(dir, "noc-key");
    writeFileSync(keyFile, "first-key-0123456789\n");
    writeConfig(file, [{ id: "noc", keyFile }]);
    const keys = source(file);
    expect(keys.current()[0]!.keySha256.toString("hex")).toBe(hash("first-key-0123456789"));
    writeFileSync(keyFile, "second-key-0123456789\n");
    expect(keys.current()[0]!.keySha256.toString("hex")).toBe(hash("second-key-0123456789"));
  });

  it("keeps the last good keys through a broken edit, and says so once without any key", () => {
    const file = path.join(dir, "broken.json");
    const inline = hash("secret-looking-content");
    writeConfig(file, [{ id: "noc", keySha256: hash("k") }]);
    const log: string[] = [];
    const keys = source(file, log);
    keys.current();
    writeFileSync(file, `{"displayKeys": [{"id": "noc", "keySha256": "${inline}"`);
    expect(keys.current().map((k) => k.id)).toEqual(["noc"]);
    expect(keys.current().map((k) => k.id)).toEqual(["noc"]);
    expect(log).toEqual([
      `display keys: keeping the previous keys, ${file}: the file is not valid JSON`,
    ]);

    writeConfig(file, [{ id: "noc", keySha256: hash("k"), clusters: ["lab"] }]);
    expect(keys.current()).toHaveLength(1);
    expect(log[1]).toMatch(/displayKeys\.0\.clusters: no cluster "lab"/);
    expect(log.join("\n")).not.toContain(inline);
  });
});
