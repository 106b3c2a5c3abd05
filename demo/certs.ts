import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SelfSignedCert {
  key: string;
  cert: string;
  fingerprint256: string;
}

/** A self-signed certificate for the simulated API, made once with openssl and reused. */
export function ensureSelfSignedCert(
  dir: string,
  name: string,
  commonName: string,
): SelfSignedCert {
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.pem`);
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "3650",
        "-subj",
        `/CN=${commonName}/O=Tiebreaker demo`,
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
      ],
      { stdio: "ignore" },
    );
  }
  const cert = readFileSync(certFile, "utf8");
  return {
    key: readFileSync(keyFile, "utf8"),
    cert,
    fingerprint256: new X509Certificate(cert).fingerprint256,
  };
}
