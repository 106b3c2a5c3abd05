import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectReport } from "@/agent/collect";
import { rootReader } from "@/agent/sources/root";
import { validateReport } from "./schema";

const scenariosDir = path.resolve(import.meta.dirname, "../../scenarios");
const nodeDir = path.join(scenariosDir, "healthy-3-node/nodes/pve1");
const LIMITS = { timeoutMs: 5_000, maxOutputBytes: 8 * 1024 * 1024 };

type Json = Record<string, unknown>;
let collected: Json;

/** The collected report as it crosses the wire, with one edit applied at a dotted path. */
function edited(at: string, value: unknown): Json {
  const copy = structuredClone(collected);
  const keys = at.split(".");
  const last = keys.pop()!;
  let target: Json = copy;
  for (const key of keys) target = target[key] as Json;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

function corosyncData(raw: unknown): Json {
  const checked = validateReport(raw);
  if (!checked.ok) throw new Error(checked.message);
  const section = checked.report.sections.corosync;
  if (section.status !== "ok") throw new Error("corosync section is absent");
  return section.data;
}

beforeAll(async () => {
  const report = await collectReport(rootReader(nodeDir, LIMITS));
  collected = JSON.parse(JSON.stringify(report)) as Json;
});

describe("validateReport on the agent's own report of a scenario node", () => {
  it("accepts it and keeps every field the agent sent", () => {
    const checked = validateReport(collected);
    expect(checked).toEqual({ ok: true, report: collected });
  });

  it("has the sections the node folder provides", () => {
    const checked = validateReport(collected);
    if (!checked.ok) throw new Error(checked.message);
    const { sections } = checked.report;
    expect(sections.corosync.status).toBe("ok");
    expect(sections.corosyncConf.status).toBe("ok");
    expect(sections.mounts.status).toBe("ok");
    expect(sections.drbd).toMatchObject({ status: "absent", reason: "not-installed" });
  });
});

describe("validateReport on every scenario node folder", () => {
  const nodeDirs = readdirSync(scenariosDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((scenario) => {
      const nodes = path.join(scenariosDir, scenario.name, "nodes");
      if (!existsSync(nodes)) return [];
      return readdirSync(nodes, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(scenario.name, "nodes", entry.name));
    });

  it("finds the node folders", () => expect(nodeDirs.length).toBeGreaterThan(20));

  it.each(nodeDirs)("%s: valid, with no field dropped or read as not known", async (dir) => {
    const report = await collectReport(rootReader(path.join(scenariosDir, dir), LIMITS));
    const raw = JSON.parse(JSON.stringify(report)) as Json;
    expect(validateReport(raw)).toEqual({ ok: true, report: raw });
  });
});

describe("validateReport refuses a wrong key field and names it", () => {
  it.each([
    ["node", 42, /^report field node: .*expected string/],
    ["schemaVersion", 2, /^report field schemaVersion: /],
    ["clock.epochMs", "now", /^report field clock\.epochMs: .*expected number/],
    ["sections.corosync.data.quorate", "yes", /^report field sections\.corosync\.data\.quorate: /],
    ["sections.corosync.data.expectedVotes", undefined, /sections\.corosync\.data\.expectedVotes/],
    [
      "sections.corosync.data.members.0.nodeId",
      "1",
      /sections\.corosync\.data\.members\.0\.nodeId/,
    ],
    ["sections.corosyncConf.data.twoNode", 0, /sections\.corosyncConf\.data\.twoNode/],
    ["sections.drbd.reason", "gone", /^report field sections\.drbd\.reason: /],
    ["sections.mounts.status", "maybe", /^report field sections\.mounts\.status: /],
  ])("%s = %j", (at, value, message) => {
    const checked = validateReport(edited(at, value));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it("refuses what is not an object at all", () => {
    expect(validateReport("pve1")).toEqual({
      ok: false,
      message: expect.stringMatching(/^report field \(top level\): /) as string,
    });
  });
});

describe("validateReport stays readable for other agent versions", () => {
  it("reads a malformed or missing detail field as not known", () => {
    expect(corosyncData(edited("sections.corosync.data.configVersion", "v3"))).toMatchObject({
      configVersion: null,
    });
    expect(corosyncData(edited("sections.corosync.data.extra", undefined))).toMatchObject({
      extra: {},
    });
  });

  it("drops fields and sections it does not know instead of refusing them", () => {
    let raw = edited("sections.corosync.data.newerField", { any: "thing" });
    raw = { ...raw, sections: { ...(raw.sections as Json), fromTheFuture: { status: "ok" } } };
    const checked = validateReport(raw);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.report.sections).not.toHaveProperty("fromTheFuture");
    expect(corosyncData(raw)).not.toHaveProperty("newerField");
  });

  it.each([
    ["links", "corosync-cfgtool.txt", "this agent version does not report corosync links"],
    [
      "bootKernel",
      "proxmox-boot-tool-kernel-list.txt",
      "this agent version does not report the kernel the node boots next",
    ],
  ] as const)(
    "reads a report from an agent without the %s section as not reported",
    (name, source, message) => {
      const checked = validateReport(edited(`sections.${name}`, undefined));
      if (!checked.ok) throw new Error(checked.message);
      expect(checked.report.sections[name]).toEqual({
        status: "absent",
        source,
        reason: "not-installed",
        message,
      });
    },
  );

  it("reads a boot kernel reason it does not know as refused, naming the field", () => {
    const bootKernel = {
      status: "ok",
      source: "proxmox-boot-tool-kernel-list.txt",
      data: {
        nextBoot: "6.8.12-4-pve",
        reason: "guessed",
        pinned: null,
        nextBootPin: null,
        kernels: [],
      },
    };
    const checked = validateReport(edited("sections.bootKernel", bootKernel));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(/sections\.bootKernel\.data\.reason/);
  });

  it("refuses a links section whose link status lacks a key field", () => {
    const links = {
      status: "ok",
      source: "corosync-cfgtool.txt",
      data: { cfgtool: { localNodeId: 1, links: [{ linkId: "0", peers: [] }] }, stats: null },
    };
    const checked = validateReport(edited("sections.links", links));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(/sections\.links\.data\.cfgtool/);
  });

  it("reads a kernel event kind it does not know as other-error", () => {
    const event = {
      line: 1,
      time: null,
      subsystem: "drbd",
      severity: "critical",
      resource: "vm-100-disk-0",
      device: null,
      peer: null,
      message: "something new",
    };
    const kernelLog = (kind: unknown) =>
      edited("sections.kernelLog", {
        status: "ok",
        source: "kernel-log.txt",
        data: { lines: 1, truncated: false, events: [{ ...event, kind }] },
      });
    const checked = validateReport(kernelLog("kind-from-a-newer-agent"));
    if (!checked.ok) throw new Error(checked.message);
    const section = checked.report.sections.kernelLog;
    expect(section.status === "ok" && section.data.events[0]).toMatchObject({
      kind: "other-error",
      severity: "critical",
    });
    expect(validateReport(kernelLog(7))).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^report field sections\.kernelLog\.data\.events\.0\.kind: /,
      ) as string,
    });
  });
});
