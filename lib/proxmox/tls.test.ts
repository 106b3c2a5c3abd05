import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { getGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEndpoint } from "./client";
import { classifyUpstreamError } from "./errors";
import { proxmoxDispatcher } from "./tls";

/** A Proxmox-like HTTPS endpoint per certificate: a CA-signed leaf, an expired leaf, an unknown CA's leaf. */
interface Pki {
  caPem: string;
  otherCaPem: string;
  leaf: { key: string; cert: string };
  expired: { key: string; cert: string };
  foreign: { key: string; cert: string };
}

let dir: string;
let pki: Pki;
const servers: Server[] = [];
const urls: Record<"leaf" | "expired" | "foreign", string> = { leaf: "", expired: "", foreign: "" };

function openssl(...args: string[]) {
  execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
}

function makeCa(name: string) {
  openssl(
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
    ...["-keyout", `${name}.key`, "-out", `${name}.pem`, "-days", "30", "-subj", `/CN=${name}`],
  );
}

/** A leaf for 127.0.0.1 signed by `ca`; negative days make it expired already. */
function makeLeaf(name: string, ca: string, days: number) {
  openssl(
    ...["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
    ...["-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`],
  );
  openssl(
    ...["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.pem`, "-CAkey", `${ca}.key`],
    ...["-CAcreateserial", "-out", `${name}.pem`, "-days", String(days), "-extfile", "san.ext"],
  );
  return {
    key: readFileSync(path.join(dir, `${name}.key`), "utf8"),
    cert: readFileSync(path.join(dir, `${name}.pem`), "utf8"),
  };
}

async function serve(pair: { key: string; cert: string }): Promise<string> {
  const server = createServer(pair, (_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json;charset=UTF-8" });
    res.end(JSON.stringify({ data: { version: "8.2.4", release: "8.2" } }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const globalDispatcherBefore = getGlobalDispatcher();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tb-tls-"));
  writeFileSync(path.join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  makeCa("trusted-ca");
  makeCa("other-ca");
  pki = {
    caPem: readFileSync(path.join(dir, "trusted-ca.pem"), "utf8"),
    otherCaPem: readFileSync(path.join(dir, "other-ca.pem"), "utf8"),
    leaf: makeLeaf("leaf", "trusted-ca", 30),
    expired: makeLeaf("expired", "trusted-ca", -1),
    foreign: makeLeaf("foreign", "other-ca", 30),
  };
  urls.leaf = await serve(pki.leaf);
  urls.expired = await serve(pki.expired);
  urls.foreign = await serve(pki.foreign);
});

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

function call(url: string, trust: { ca?: string; fingerprint?: string }) {
  return getEndpoint(
    {
      url,
      tokenId: "tiebreaker@pve!dashboard",
      tokenSecret: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
      dispatcher: proxmoxDispatcher({
        ca: trust.ca ?? null,
        fingerprint: trust.fingerprint ?? null,
        connectTimeoutMs: 2_000,
      }),
    },
    "/version",
    3_000,
  );
}

async function refusal(url: string, trust: { ca?: string; fingerprint?: string }) {
  try {
    await call(url, trust);
  } catch (err) {
    return classifyUpstreamError(err, "Proxmox API at 127.0.0.1");
  }
  throw new Error("the connection was expected to be refused");
}

describe("TLS to the Proxmox API, per cluster", () => {
  it("accepts a leaf signed by the configured CA file", async () => {
    await expect(call(urls.leaf, { ca: pki.caPem })).resolves.toMatchObject({ release: "8.2" });
  });

  it("accepts a certificate whose SHA-256 fingerprint is pinned", async () => {
    const pin = fingerprintOf(pki.foreign.cert);
    await expect(call(urls.foreign, { fingerprint: pin })).resolves.toMatchObject({
      version: "8.2.4",
    });
    // Lower case and no colons are the same pin.
    await expect(
      call(urls.foreign, { fingerprint: pin.replace(/:/g, "").toLowerCase() }),
    ).resolves.toMatchObject({ version: "8.2.4" });
  });

  it("refuses a wrong fingerprint and says so", async () => {
    const failure = await refusal(urls.leaf, { fingerprint: fingerprintOf(pki.foreign.cert) });
    expect(failure.kind).toBe("tls");
    expect(failure.message).toContain("wrong fingerprint");
    expect(failure.message).toContain(fingerprintOf(pki.leaf.cert));
  });

  it("refuses an expired certificate from the trusted CA and says it expired", async () => {
    const failure = await refusal(urls.expired, { ca: pki.caPem });
    expect(failure.kind).toBe("tls");
    expect(failure.message).toContain("the certificate has expired");
  });

  it("refuses a certificate from an unknown CA and says the CA is unknown", async () => {
    const failure = await refusal(urls.foreign, { ca: pki.caPem });
    expect(failure.kind).toBe("tls");
    expect(failure.message).toContain("signed by an unknown CA");
    // Without a CA file the system store applies, and it does not know this CA either.
    const noCa = await refusal(urls.foreign, {});
    expect(noCa.message).toContain("signed by an unknown CA");
  });

  it("a pin for one cluster changes nothing for other connections or the process", async () => {
    await call(urls.foreign, { fingerprint: fingerprintOf(pki.foreign.cert) });
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    expect(getGlobalDispatcher()).toBe(globalDispatcherBefore);
    // Node's own fetch (the global dispatcher) still refuses the same server.
    await expect(fetch(urls.foreign)).rejects.toThrow();
    // A cluster that trusts a CA file does not inherit another cluster's pin.
    expect((await refusal(urls.foreign, { ca: pki.caPem })).kind).toBe("tls");
    await expect(call(urls.foreign, { ca: pki.otherCaPem })).resolves.toMatchObject({
      release: "8.2",
    });
  });
});

describe("no code turns certificate checks off", () => {
  const roots = ["lib", "app", "agent", "components", "instrumentation.ts", "next.config.ts"];
  function sources(entry: string): string[] {
    const full = path.resolve(import.meta.dirname, "../..", entry);
    if (statSync(full).isFile()) return [full];
    return readdirSync(full, { withFileTypes: true }).flatMap((e) =>
      e.name === "dist" || e.name === "node_modules"
        ? []
        : e.isDirectory()
          ? sources(path.join(entry, e.name))
          : /\.(ts|tsx|mjs|cjs|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name)
            ? [path.resolve(import.meta.dirname, "../..", entry, e.name)]
            : [],
    );
  }

  it("rejectUnauthorized: false only in the pinned dispatcher, NODE_TLS_REJECT_UNAUTHORIZED nowhere", () => {
    const hits = roots.flatMap(sources).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [
        ...(/rejectUnauthorized:\s*false/.test(text) ? [`${file}: rejectUnauthorized`] : []),
        ...(/NODE_TLS_REJECT_UNAUTHORIZED/.test(text)
          ? [`${file}: NODE_TLS_REJECT_UNAUTHORIZED`]
          : []),
        ...(/setGlobalDispatcher/.test(text) ? [`${file}: setGlobalDispatcher`] : []),
      ];
    });
    expect(hits.map((h) => path.relative(path.resolve(import.meta.dirname, "../.."), h))).toEqual([
      "lib/proxmox/tls.ts: rejectUnauthorized",
    ]);
  });
});
