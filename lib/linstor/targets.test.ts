import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fromCfg } from "@/lib/health/test-helpers";
import { linstorControllerUrls } from "./targets";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cfg = (name: string) =>
  fromCfg(readFileSync(path.join(root, "fixtures/pve-config", name), "utf8"));

describe("where to ask the LINSTOR controller", () => {
  it("takes the controller of a real storage.cfg drbd section, on the plugin's port 3370", () => {
    expect(
      linstorControllerUrls(
        undefined,
        cfg("storage-cfg-linstor-drbd-legacy-redundancy-linstorproxmox17.cfg"),
      ),
    ).toEqual([expect.stringMatching(/^http:\/\/[^/]+:3370$/)]);
  });

  it("splits a comma-separated controller list, brackets IPv6, and uses 3371 with a client certificate", () => {
    const storages = fromCfg(
      "drbd: drbdstorage\n\tcontroller 10.0.0.4, 10.0.0.5\n\tresourcegroup drbdgrp\n\n" +
        "drbd: tls\n\tcontroller fd00::4\n\tapicrt /etc/pve/priv/linstor.crt\n\tapikey /etc/pve/priv/linstor.key\n",
    );
    expect(linstorControllerUrls(undefined, storages)).toEqual([
      "http://10.0.0.4:3370",
      "http://10.0.0.5:3370",
      "https://[fd00::4]:3371",
    ]);
  });

  it("configured URLs win over storage.cfg; enabled false asks nobody", () => {
    const storages = fromCfg("drbd: drbdstorage\n\tcontroller 10.0.0.4\n");
    expect(
      linstorControllerUrls({ enabled: true, urls: ["https://linstor.example:3371"] }, storages),
    ).toEqual(["https://linstor.example:3371"]);
    expect(linstorControllerUrls({ enabled: false }, storages)).toEqual([]);
  });

  it("no drbd storage → nobody to ask; storage.cfg unknown → cannot tell yet", () => {
    expect(linstorControllerUrls(undefined, fromCfg("dir: local\n\tpath /var/lib/vz\n"))).toEqual(
      [],
    );
    expect(linstorControllerUrls(undefined, null)).toBeNull();
  });
});
