import { describe, expect, it } from "vitest";
import { parseCorosyncConf } from "./corosync-conf";
import type { CorosyncConf } from "./corosync-conf";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): CorosyncConf {
  return parsedValue(parseCorosyncConf(text));
}

function failure(text: string) {
  const result = parseCorosyncConf(text);
  if (result.ok) throw new Error(`unexpected success: ${JSON.stringify(result.value)}`);
  expect(result.error.format).toBe("corosync-conf");
  return result.error;
}

const covered = new Set<string>();

/** Registers a fixture as covered at collection time and tests the facts it shows. */
function fixtureCase(relPath: string, check: (conf: CorosyncConf) => void): void {
  covered.add(relPath);
  it(relPath, () => {
    const conf = parsed(readFixture(relPath));
    check(conf);
    expect(JSON.parse(JSON.stringify(conf))).toEqual(conf);
  });
}

describe("parseCorosyncConf: fixtures", () => {
  fixtureCase("pve-config/corosync-conf-pve-2node-qdevice-net-ffsplit-tls-homelab.conf", (conf) => {
    expect(conf.clusterName).toBe("Home-Lab");
    expect(conf.configVersion).toBe(11);
    // Not written by PVE: corosync 3 defaults to knet.
    expect(conf.transport).toBeNull();
    expect(conf.provider).toBe("corosync_votequorum");
    expect(conf.nodes).toEqual([
      { name: "MT2ThinkCentre", nodeId: 1, votes: 1, addrs: ["10.0.10.11"] },
      // The file has trailing spaces after "Serwer"; corosync strips them too.
      { name: "Serwer", nodeId: 2, votes: 1, addrs: ["10.0.10.12"] },
    ]);
    expect(conf.qdevice).toEqual({
      model: "net",
      host: "10.0.90.1",
      algorithm: "ffsplit",
      tls: "on",
      votes: 1,
      port: null,
      tieBreaker: null,
    });
    expect(conf.twoNode).toBe(false);
    expect(conf.waitForAll).toBe(false);
    expect(conf.expectedVotes).toBeNull();
    expect(conf.sections.map((s) => s.name)).toEqual(["logging", "nodelist", "quorum", "totem"]);
    const totem = conf.sections.find((s) => s.name === "totem");
    expect(totem?.entries).toEqual({
      cluster_name: "Home-Lab",
      config_version: "11",
      ip_version: "ipv4-6",
      link_mode: "passive",
      secauth: "on",
      version: "2",
    });
    expect(totem?.sections).toEqual([
      { name: "interface", entries: { linknumber: "0" }, sections: [] },
    ]);
    expect(conf.sections[0]).toEqual({
      name: "logging",
      entries: { debug: "off", to_syslog: "yes" },
      sections: [],
    });
    expect(conf.entries).toEqual({});
  });

  fixtureCase(
    "pve-config/corosync-conf-quorum-section-qdevice-net-ffsplit-tls-off-jirib.conf",
    (conf) => {
      // Only the quorum section (sed from "^quorum"): no totem, no nodelist.
      expect(conf.clusterName).toBeNull();
      expect(conf.configVersion).toBeNull();
      expect(conf.nodes).toEqual([]);
      expect(conf.provider).toBe("corosync_votequorum");
      expect(conf.qdevice).toEqual({
        model: "net",
        host: "192.168.252.1",
        algorithm: "ffsplit",
        tls: "off",
        votes: 1,
        port: 5403,
        tieBreaker: "lowest",
      });
      // expected_votes and two_node are commented out with '#'.
      expect(conf.expectedVotes).toBeNull();
      expect(conf.twoNode).toBe(false);
      expect(conf.waitForAll).toBe(false);
      expect(conf.sections).toEqual([
        {
          name: "quorum",
          entries: { provider: "corosync_votequorum" },
          sections: [
            {
              name: "device",
              entries: { votes: "1", model: "net" },
              sections: [
                {
                  name: "net",
                  entries: {
                    tls: "off",
                    host: "192.168.252.1",
                    port: "5403",
                    algorithm: "ffsplit",
                    tie_breaker: "lowest",
                  },
                  sections: [],
                },
              ],
            },
          ],
        },
      ]);
    },
  );
});

describe("parseCorosyncConf: fixture coverage", () => {
  it("covers every corosync-conf fixture with a named test", () => {
    const expected = listFixtures("pve-config")
      .filter((name) => name.startsWith("corosync-conf-"))
      .map((name) => `pve-config/${name}`);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !expected.includes(f))).toEqual([]);
  });

  it("refuses the other pve-config files (storage.cfg and its log) instead of misreading them", () => {
    const others = listFixtures("pve-config").filter((name) => !name.startsWith("corosync-conf-"));
    expect(others.length).toBeGreaterThan(0);
    for (const name of others) {
      expect(parseCorosyncConf(readFixture(`pve-config/${name}`)).ok, name).toBe(false);
    }
  });
});

/** The layout the lab and Proxmox write, two nodes, no quorum device. */
const TWO_NODE = `totem {
  cluster_name: lab
  config_version: 2
  transport: knet
  interface {
    linknumber: 0
  }
}

nodelist {
  node {
    name: pve1
    nodeid: 1
    quorum_votes: 1
    ring0_addr: 10.213.7.1
  }
  node {
    name: pve2
    nodeid: 2
    quorum_votes: 1
    ring0_addr: 10.213.7.2
  }
}

quorum {
  provider: corosync_votequorum
}
`;

describe("parseCorosyncConf: quorum settings", () => {
  it("reads a two-node cluster without a quorum device", () => {
    const conf = parsed(TWO_NODE);
    expect(conf.clusterName).toBe("lab");
    expect(conf.configVersion).toBe(2);
    expect(conf.transport).toBe("knet");
    expect(conf.nodes.map((n) => [n.name, n.nodeId, n.votes, n.addrs])).toEqual([
      ["pve1", 1, 1, ["10.213.7.1"]],
      ["pve2", 2, 1, ["10.213.7.2"]],
    ]);
    expect(conf.qdevice).toBeNull();
    expect(conf.twoNode).toBe(false);
    expect(conf.waitForAll).toBe(false);
  });

  it("makes wait_for_all follow two_node unless it is set explicitly", () => {
    const twoNode = TWO_NODE.replace(
      "provider: corosync_votequorum",
      "provider: corosync_votequorum\n  two_node: 1",
    );
    expect(parsed(twoNode)).toMatchObject({ twoNode: true, waitForAll: true });
    const explicit = twoNode.replace("two_node: 1", "two_node: 1\n  wait_for_all: 0");
    expect(parsed(explicit)).toMatchObject({ twoNode: true, waitForAll: false });
    const onlyWait = TWO_NODE.replace("provider: corosync_votequorum", "wait_for_all: 1");
    expect(parsed(onlyWait)).toMatchObject({ twoNode: false, waitForAll: true });
  });

  it("reports waitForAll null when there is no quorum section at all", () => {
    const conf = parsed("totem {\n  cluster_name: x\n}\n");
    expect(conf.waitForAll).toBeNull();
    expect(conf.twoNode).toBe(false);
    expect(conf.provider).toBeNull();
  });

  it("reads expected_votes", () => {
    const conf = parsed(TWO_NODE.replace("provider: corosync_votequorum", "expected_votes: 3"));
    expect(conf.expectedVotes).toBe(3);
  });

  it("reads a quorum device without votes as votes null (lms on odd node counts)", () => {
    const conf = parsed(
      TWO_NODE.replace(
        "provider: corosync_votequorum",
        "device {\n    model: net\n    net {\n      algorithm: lms\n      host: 10.213.7.100\n      tls: off\n    }\n  }\n  provider: corosync_votequorum",
      ),
    );
    expect(conf.qdevice).toEqual({
      model: "net",
      host: "10.213.7.100",
      algorithm: "lms",
      tls: "off",
      votes: null,
      port: null,
      tieBreaker: null,
    });
  });

  it("merges repeated sections as corosync does, the later key winning", () => {
    const conf = parsed(
      `${TWO_NODE}\nquorum {\n  two_node: 1\n}\ntotem {\n  cluster_name: renamed\n}\n`,
    );
    expect(conf.twoNode).toBe(true);
    expect(conf.provider).toBe("corosync_votequorum");
    expect(conf.clusterName).toBe("renamed");
  });
});

describe("parseCorosyncConf: nodes", () => {
  it("lists addresses in ring order whatever the key order", () => {
    const conf = parsed(
      "nodelist {\n  node {\n    ring10_addr: c\n    ring1_addr: b\n    name: n1\n    ring0_addr: a\n  }\n}\n",
    );
    expect(conf.nodes).toEqual([{ name: "n1", nodeId: null, votes: 1, addrs: ["a", "b", "c"] }]);
  });

  it("names a node by ring0_addr when it has no name, and reads IPv6 addresses whole", () => {
    const conf = parsed(
      "nodelist {\n  node {\n    ring0_addr: fd00::11\n    nodeid: 3\n    quorum_votes: 2\n  }\n}\n",
    );
    expect(conf.nodes).toEqual([{ name: "fd00::11", nodeId: 3, votes: 2, addrs: ["fd00::11"] }]);
  });

  it("refuses a node with neither name nor address, naming its section line", () => {
    expect(failure("nodelist {\n  node {\n    nodeid: 1\n  }\n}\n")).toMatchObject({ line: 2 });
  });

  it("refuses a nodeid that is not a number, naming the line", () => {
    const text = TWO_NODE.replace("nodeid: 2", "nodeid: two");
    expect(failure(text)).toMatchObject({
      line: 19,
      message: expect.stringMatching(/nodeid/) as unknown,
    });
  });
});

describe("parseCorosyncConf: layouts", () => {
  it("reads CRLF, tabs, odd indentation and trailing spaces like the plain layout", () => {
    const odd = TWO_NODE.split("\n")
      .map((line, i) =>
        i % 3 === 0 ? `\t ${line.trim()}   ` : `${" ".repeat(i % 7)}${line.trim()}`,
      )
      .join("\r\n");
    expect(parsed(odd)).toEqual(parsed(TWO_NODE));
  });

  it("reads braces on the same line as the keys and several closings on one line", () => {
    const compact =
      "totem { cluster_name: lab\nconfig_version: 2\ntransport: knet\ninterface { linknumber: 0 } }\n" +
      "nodelist { node { name: pve1\nnodeid: 1\nquorum_votes: 1\nring0_addr: 10.213.7.1 }\n" +
      "node { name: pve2\nnodeid: 2\nquorum_votes: 1\nring0_addr: 10.213.7.2 } }\n" +
      "quorum { provider: corosync_votequorum }\n";
    expect(parsed(compact)).toEqual(parsed(TWO_NODE));
  });

  it("reads a section name whose brace is on the next line", () => {
    const conf = parsed("quorum\n{\n  provider: corosync_votequorum\n}\n");
    expect(conf.provider).toBe("corosync_votequorum");
  });

  it("skips whole-line comments but keeps a '#' after a value, as corosync does", () => {
    const conf = parsed(
      "# header\ntotem {\n    # comment\n  cluster_name: lab # not a comment\n}\n",
    );
    expect(conf.clusterName).toBe("lab # not a comment");
  });

  it("keeps unknown sections and keys in the sections tree", () => {
    const conf = parsed(
      "system {\n  allow_knet_handle_fallback: yes\n}\nlogging {\n  logger_subsys {\n    subsys: QUORUM\n    debug: off\n  }\n}\n",
    );
    expect(conf.sections).toEqual([
      { name: "system", entries: { allow_knet_handle_fallback: "yes" }, sections: [] },
      {
        name: "logging",
        entries: {},
        sections: [
          { name: "logger_subsys", entries: { subsys: "QUORUM", debug: "off" }, sections: [] },
        ],
      },
    ]);
  });

  it("keeps keys outside any section and odd key names as plain data", () => {
    const conf = parsed("stray: value\ntotem {\n  __proto__: x\n}\n");
    expect(conf.entries).toEqual({ stray: "value" });
    const totem = conf.sections[0];
    expect(Object.getPrototypeOf(totem?.entries)).toBe(Object.prototype);
    expect(JSON.stringify(totem?.entries)).toBe('{"__proto__":"x"}');
  });
});

describe("parseCorosyncConf: refusals", () => {
  it("refuses empty input", () => {
    expect(failure("")).toEqual({ format: "corosync-conf", line: null, message: "no output" });
    expect(failure(" \n\t\n").message).toBe("no output");
  });

  it("refuses a file with only comments", () => {
    expect(failure("# nothing here\n#two_node: 1\n").message).toMatch(/no corosync.conf sections/);
  });

  it("refuses random bytes and unrelated text", () => {
    let seed = 3;
    let bytes = "";
    for (let i = 0; i < 512; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      bytes += String.fromCharCode(1 + (seed % 255));
    }
    expect(failure(bytes).line).not.toBeNull();
    expect(failure("hello world\nmore words\n").line).toBe(1);
    expect(failure("server {\n  listen 80;\n}\n").line).toBe(2);
  });

  it("refuses unbalanced braces, naming the line", () => {
    expect(failure("}\n")).toMatchObject({ line: 1 });
    expect(failure("totem {\n}\n}\n")).toMatchObject({ line: 3 });
    expect(failure("{\n  a: b\n}\n")).toMatchObject({ line: 1 });
  });

  it("refuses sections nested absurdly deep", () => {
    const deep = `${"a {\n".repeat(100)}${"}\n".repeat(100)}`;
    expect(failure(deep).message).toMatch(/nested deeper/);
  });
});

describe("parseCorosyncConf: truncated files", () => {
  const full = readFixture(
    "pve-config/corosync-conf-pve-2node-qdevice-net-ffsplit-tls-homelab.conf",
  );
  const lines = full.split("\n");
  const firstLines = (n: number) => `${lines.slice(0, n).join("\n")}\n`;

  it("refuses a file cut inside a section, naming where the open section starts", () => {
    expect(failure(firstLines(10))).toMatchObject({
      line: 7,
      message: expect.stringMatching(/"node" opened at line 7 is never closed/) as unknown,
    });
  });

  it("refuses a file cut in the middle of a section name", () => {
    expect(failure(`${firstLines(19)}quor`)).toMatchObject({ line: 20 });
  });

  it("never throws on any prefix of a fixture", () => {
    for (let end = 0; end <= full.length; end++) {
      expect(typeof parseCorosyncConf(full.slice(0, end)).ok).toBe("boolean");
    }
  });
});

describe("parseCorosyncConf: cost", () => {
  it("handles pathological lines in linear time", () => {
    const size = 1_000_000;
    const started = performance.now();
    failure("}".repeat(size));
    failure(`a {${" b: c }".repeat(size / 7)}`);
    failure(`${"x".repeat(size)}:`);
    failure(`a {\n${"k: v\n".repeat(size / 5)}`);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
