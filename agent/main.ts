import { readFile } from "node:fs/promises";
import path from "node:path";
import { isParseFormat, parsers, PARSE_FORMATS, describeFailure } from "@/lib/parsers";
import { MAX_INPUT_CHARS } from "@/lib/parsers/result";
import { parseArgs, parseListen, UsageError, type ParsedArgs } from "./cli-args";
import { AGENT_VERSION, collectReport, refreshCorosync } from "./collect";
import { KnetRecent } from "./knet-recent";
import { ConfigError, loadAgentConfig, readTokenFile, type AgentConfig } from "./config";
import { checkRootFolder, checkTokenFile } from "./file-checks";
import { createAgentServer, type SimulatedFault } from "./server";
import { singleFlight } from "./single-flight";
import { ChangeWatcher } from "./watch";
import { liveReader } from "./sources/live";
import type { RawReader } from "./sources/raw";
import { rootReader } from "./sources/root";

const USAGE = `tiebreaker-agent ${AGENT_VERSION}: reads corosync, QDevice, DRBD, OCFS2 and kernel state on a Proxmox VE node

Usage:
  tiebreaker-agent serve   [--config FILE] [--root DIR] [--listen HOST:PORT] [--token-file FILE]
                           [--metrics-token-file FILE] [--node-name NAME] [--strict]
  tiebreaker-agent collect [--config FILE] [--root DIR] [--node-name NAME]
  tiebreaker-agent parse <format> [FILE]      (stdin when no FILE)

Formats: ${PARSE_FORMATS.join(", ")}

--strict refuses a token file that group or others may read (without it: a warning).
Failed authentications are limited per client address: after 10, one more per 6 s (429, Retry-After).
`;

function configFrom(args: ParsedArgs): AgentConfig {
  const config = loadAgentConfig(args.flags.get("config"));
  const root = args.flags.get("root") ?? config.root;
  checkRootFolder(root);
  const listen = args.flags.get("listen");
  return {
    ...config,
    root,
    nodeName: args.flags.get("node-name") ?? config.nodeName,
    tokenFile: args.flags.get("token-file") ?? config.tokenFile,
    metricsTokenFile: args.flags.get("metrics-token-file") ?? config.metricsTokenFile,
    listen: listen ? parseListen(listen) : config.listen,
  };
}

function readerFor(config: AgentConfig): RawReader {
  if (config.root === undefined) return liveReader(config);
  return rootReader(
    config.root,
    { timeoutMs: config.timeoutMs, maxOutputBytes: config.maxOutputBytes },
    config.nodeName,
  );
}

async function collect(args: ParsedArgs): Promise<number> {
  const report = await collectReport(readerFor(configFrom(args)));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

async function parse(args: ParsedArgs): Promise<number> {
  const [format, file] = args.positional;
  if (format === undefined) throw new UsageError("parse needs a format");
  if (!isParseFormat(format)) {
    throw new UsageError(`unknown format "${format}"; formats: ${PARSE_FORMATS.join(", ")}`);
  }
  const text = file === undefined ? await readStdin() : await readFile(file, "utf8");
  const result = parsers[format](text);
  if (!result.ok) {
    process.stderr.write(
      `tiebreaker-agent: cannot read ${file ?? "stdin"} as ${describeFailure(result.error)}\n`,
    );
    return 2;
  }
  process.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > MAX_INPUT_CHARS * 4) throw new UsageError("input on stdin is too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function faultReader(root: string): () => Promise<SimulatedFault | null> {
  return async () => {
    try {
      const word = (await readFile(path.join(root, "UNREACHABLE"), "utf8")).trim();
      return word === "refused" || word === "auth" || word === "garbage" ? word : "timeout";
    } catch {
      return null;
    }
  };
}

function serve(args: ParsedArgs): Promise<number> {
  const config = configFrom(args);
  const strict = args.flags.has("strict");
  const warn = (message: string) => process.stderr.write(`tiebreaker-agent: ${message}\n`);
  const reportToken = readTokenFile(config.tokenFile, "token");
  checkTokenFile(config.tokenFile, "token", strict, warn);
  const metricsTokens = config.metricsTokenFile
    ? [readTokenFile(config.metricsTokenFile, "metrics token")]
    : [];
  if (config.metricsTokenFile)
    checkTokenFile(config.metricsTokenFile, "metrics token", strict, warn);
  const reader = readerFor(config);
  const recent = new KnetRecent();
  const report = singleFlight(
    async () => recent.enrich(await collectReport(reader), Date.now()),
    config.cacheMs,
  );
  const watcher = new ChangeWatcher(reader, config.watchMs);
  // A change makes the next report fresh, whatever the cache says: corosync's sections are read
  // again at once, before the change is announced, so the first request after it gets them.
  watcher.subscribe((event) =>
    report.refresh(async (last) =>
      recent.enrich(
        await refreshCorosync(reader, last, { probes: event.probes, quorumText: event.quorumText }),
        Date.now(),
      ),
    ),
  );
  const server = createAgentServer({
    report,
    changes: config.watchMs > 0 ? watcher : undefined,
    reportTokens: [reportToken],
    metricsTokens,
    fault: config.root === undefined ? undefined : faultReader(config.root),
  });
  return new Promise((resolve) => {
    server.on("error", (err: NodeJS.ErrnoException) => {
      const where = `${config.listen.host}:${config.listen.port}`;
      const why =
        err.code === "EADDRINUSE"
          ? "the address is already in use"
          : err.code === "EADDRNOTAVAIL"
            ? "no interface has that address"
            : err.message;
      process.stderr.write(`tiebreaker-agent: cannot listen on ${where}: ${why}\n`);
      resolve(2);
    });
    server.listen(config.listen.port, config.listen.host, () => {
      watcher.start();
      const mode = config.root === undefined ? "live system" : `scenario folder ${config.root}`;
      process.stderr.write(
        `tiebreaker-agent ${AGENT_VERSION} listening on ${config.listen.host}:${config.listen.port}, reading the ${mode}\n`,
      );
    });
    const stop = () => {
      watcher.stop();
      server.close(() => resolve(0));
      server.closeAllConnections();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.has("version")) {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return 0;
  }
  if (args.flags.has("help") || args.command === undefined) {
    process.stdout.write(USAGE);
    return args.command === undefined && !args.flags.has("help") ? 2 : 0;
  }
  switch (args.command) {
    case "serve":
      return serve(args);
    case "collect":
      return collect(args);
    case "parse":
      return parse(args);
    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`tiebreaker-agent: ${err.message}\n`);
    } else {
      process.stderr.write(
        `tiebreaker-agent: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
    }
    process.exitCode = 2;
  },
);
