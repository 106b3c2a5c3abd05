import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DemoUsageError } from "./errors";
import { agentNodes, findScenario, loadScenarioCatalog, nodeAddresses } from "./scenario-files";
import { builtInScenarios, writeScenarioSuite } from "./test-helpers";

const scratch = mkdtempSync(path.join(tmpdir(), "tb-demo-catalog-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folder(name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function catalogError(extraDirs: string[]): string {
  try {
    loadScenarioCatalog(builtInScenarios, extraDirs);
  } catch (err) {
    expect(err).toBeInstanceOf(DemoUsageError);
    const message = (err as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error(`expected ${extraDirs.join(", ")} to be refused`);
}

describe("scenario catalog", () => {
  it("holds the built-in scenarios, none of them extra, sorted by name", () => {
    const catalog = loadScenarioCatalog(builtInScenarios);
    const names = catalog.map((e) => e.meta.name);
    expect(names).toContain("healthy-3-node");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(catalog.every((e) => !e.extra)).toBe(true);
  });

  it("a folder with two scenarios adds both, marked extra and read from that folder", () => {
    const suite = folder("two");
    writeScenarioSuite(suite, [
      { name: "suite-quorum-lost", from: "two-node-no-qdevice-node-down" },
      { name: "suite-split-brain", from: "drbd9-split-brain" },
    ]);
    mkdirSync(path.join(suite, "notes"));
    const builtIn = loadScenarioCatalog(builtInScenarios);
    const catalog = loadScenarioCatalog(builtInScenarios, [suite]);
    expect(catalog).toHaveLength(builtIn.length + 2);
    const extras = catalog.filter((e) => e.extra);
    expect(extras.map((e) => [e.meta.name, e.meta.title, e.dir])).toEqual([
      ["suite-quorum-lost", "Suite: suite-quorum-lost", path.join(suite, "suite-quorum-lost")],
      ["suite-split-brain", "Suite: suite-split-brain", path.join(suite, "suite-split-brain")],
    ]);
    expect(findScenario(catalog, "suite-split-brain").dir).toBe(
      path.join(suite, "suite-split-brain"),
    );
  });

  it("several extra folders are all loaded", () => {
    const a = folder("several-a");
    const b = folder("several-b");
    writeScenarioSuite(a, [{ name: "suite-a", from: "healthy-3-node" }]);
    writeScenarioSuite(b, [{ name: "suite-b", from: "healthy-3-node" }]);
    const extras = loadScenarioCatalog(builtInScenarios, [a, b]).filter((e) => e.extra);
    expect(extras.map((e) => e.meta.name)).toEqual(["suite-a", "suite-b"]);
  });

  it("a folder that does not exist → one line naming it", () => {
    const missing = path.join(scratch, "missing");
    expect(catalogError([missing])).toBe(`--scenarios ${missing}: no such folder`);
  });

  it("an empty folder → one line saying it holds no scenario", () => {
    const empty = folder("empty");
    expect(catalogError([empty])).toBe(
      `--scenarios ${empty}: holds no scenario folder (a folder with a scenario.json)`,
    );
  });

  it("a folder whose subfolders hold no scenario.json → the same line", () => {
    const other = folder("other");
    mkdirSync(path.join(other, "not-a-scenario"));
    expect(catalogError([other])).toMatch(/holds no scenario folder/);
  });

  it("a file instead of a folder → one line", () => {
    const file = path.join(scratch, "file.json");
    writeFileSync(file, "{}");
    expect(catalogError([file])).toBe(`--scenarios ${file}: not a folder`);
  });

  it("a scenario folder given directly → says to give the folder that holds it", () => {
    const suite = folder("direct");
    writeScenarioSuite(suite, [{ name: "suite-direct", from: "healthy-3-node" }]);
    expect(catalogError([path.join(suite, "suite-direct")])).toMatch(
      /is a scenario folder itself; give the folder that holds it$/,
    );
  });

  it("a name a built-in scenario already has → refused, naming the scenario", () => {
    const suite = folder("clash");
    writeScenarioSuite(suite, [{ name: "healthy-3-node", from: "healthy-3-node" }]);
    expect(catalogError([suite])).toBe(
      `scenario "healthy-3-node" in ${suite} is already taken by a built-in scenario; rename its folder and its "name"`,
    );
  });

  it("the same name in two extra folders → refused, naming the first one", () => {
    const a = folder("twice-a");
    const b = folder("twice-b");
    writeScenarioSuite(a, [{ name: "suite-twice", from: "healthy-3-node" }]);
    writeScenarioSuite(b, [{ name: "suite-twice", from: "healthy-3-node" }]);
    expect(catalogError([a, b])).toContain(`already taken by ${path.join(a, "suite-twice")}`);
  });

  it("a scenario.json whose name differs from its folder → refused", () => {
    const suite = folder("renamed");
    writeScenarioSuite(suite, [{ name: "suite-renamed", from: "healthy-3-node" }]);
    const dir = path.join(suite, "suite-renamed");
    writeFileSync(
      path.join(dir, "scenario.json"),
      JSON.stringify({ name: "other", title: "t", description: "d", clusterName: "c" }),
    );
    expect(catalogError([suite])).toMatch(/is named "other"; a scenario's name must equal/);
  });

  it("a scenario.json that is not valid → one line naming the file", () => {
    const suite = folder("broken");
    mkdirSync(path.join(suite, "suite-broken"));
    writeFileSync(path.join(suite, "suite-broken", "scenario.json"), "{ not json");
    expect(catalogError([suite])).toMatch(
      new RegExp(`^--scenarios ${suite}: .*scenario\\.json is not valid JSON`),
    );
  });

  it("an unknown name → one line listing every known one, extra ones included", () => {
    const suite = folder("unknown");
    writeScenarioSuite(suite, [{ name: "suite-known", from: "healthy-3-node" }]);
    const catalog = loadScenarioCatalog(builtInScenarios, [suite]);
    expect(() => findScenario(catalog, "nope")).toThrow(
      new DemoUsageError(
        `no scenario "nope"; known: ${catalog.map((e) => e.meta.name).join(", ")}`,
      ),
    );
    expect(() => findScenario(catalog, "nope")).toThrow(/suite-known/);
  });
});

describe("node addresses", () => {
  it("gives each node a loopback address in name order and an agent where it has a folder", () => {
    const dir = path.join(builtInScenarios, "healthy-3-node");
    expect([...nodeAddresses(dir)]).toEqual([
      ["pve1", "127.0.0.11"],
      ["pve2", "127.0.0.12"],
      ["pve3", "127.0.0.13"],
    ]);
    expect(agentNodes(dir)).toEqual(["pve1", "pve2", "pve3"]);
  });
});
