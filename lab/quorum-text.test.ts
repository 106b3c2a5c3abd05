import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { isQuorate, matchesQuorum, memberQdeviceFlags, numberField } from "./quorum-text";

function fixture(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, "../fixtures/lab", name), "utf8");
}

describe("quorum-text on captured lab output", () => {
  it("survivor of a cut 2-node cluster: not quorate, quorum 2 despite 'Activity blocked'", () => {
    const text = fixture("quorumtool-s-2node-noqdevice-peer-cut-survivor-not-quorate.txt");
    expect(isQuorate(text)).toBe(false);
    expect(numberField(text, "Quorum")).toBe(2);
    expect(memberQdeviceFlags(text)).toEqual([]);
  });

  it("qnetd down: both members A,NV,NMW", () => {
    const text = fixture("quorumtool-s-2node-qdevice-qnetd-down.txt");
    expect(memberQdeviceFlags(text)).toEqual(["A,NV,NMW", "A,NV,NMW"]);
    expect(matchesQuorum(text, { quorate: true, nodes: 2, qdeviceFlags: "A,NV,NMW" })).toBe(true);
    expect(matchesQuorum(text, { quorate: true, qdeviceFlags: "A,V,NMW" })).toBe(false);
  });

  it("pvecm-style -siH: hex node ids still yield the member flags", () => {
    const text = fixture("quorumtool-siH-2node-qdevice-connected-pvecm-status.txt");
    expect(memberQdeviceFlags(text)).toEqual(["A,V,NMW", "A,V,NMW"]);
    expect(numberField(text, "Total votes")).toBe(3);
  });
});
