import { describe, expect, it } from "vitest";
import { apiView, failed, fresh, makeSnapshot } from "../test-helpers";
import type { ApiView, FailureKind } from "@/lib/snapshot/types";
import { pveApiUnreachable } from "./pve-api-unreachable";

describe("pve.api-unreachable", () => {
  it.each<[string, FailureKind, RegExp]>([
    ["a pinned fingerprint that no longer matches → unknown naming TLS", "tls", /tls/],
    ["a revoked token → unknown naming auth", "auth", /auth/],
    ["a token without PVEAuditor → unknown naming permission", "permission", /permission/],
    ["a refused connection → unknown naming network", "network", /network/],
    ["a hung pveproxy → unknown naming timeout", "timeout", /timeout/],
  ])("%s", (_name, kind, title) => {
    const snapshot = makeSnapshot({ api: failed<ApiView>({ kind, message: `cause ${kind}` }) });
    const findings = pveApiUnreachable(snapshot);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "pve.api-unreachable",
      severity: "unknown",
      subject: "cluster",
    });
    expect(findings[0]!.title).toMatch(title);
    expect(findings[0]!.detail).toContain(`cause ${kind}`);
  });

  it("an API that answers everything → no finding", () => {
    expect(pveApiUnreachable(makeSnapshot())).toEqual([]);
  });

  it("one endpoint refused while /cluster/status answers → one unknown finding naming the endpoint", () => {
    const view = apiView({
      endpointErrors: {
        "/storage": { kind: "permission", message: "403 Permission check failed", at: "x" },
      },
    });
    const findings = pveApiUnreachable(makeSnapshot({ api: fresh(view) }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toContain("/storage");
    expect(findings[0]!.remedy).toContain("PVEAuditor");
  });

  it("says how old the last good answer is", () => {
    const snapshot = makeSnapshot({ api: failed<ApiView>({ kind: "timeout" }, apiView(), 45_000) });
    expect(pveApiUnreachable(snapshot)[0]!.detail).toContain("45 s old");
  });
});
