import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestPostgres {
  /** postgres://tiebreaker@127.0.0.1:<port>/postgres, trust authentication on loopback only. */
  url: string;
  stop(): Promise<void>;
}

/** The newest server binaries from Debian's postgresql package. */
function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin/initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error("PostgreSQL is not installed: apt-get install -y postgresql");
  return path.join(root, versions[0]!, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL from Debian's package in a temporary folder on a free loopback
 * port. PostgreSQL refuses to run as root, so as root it runs as `nobody`, which owns the folder.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "tb-pg-"));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    asRoot ? (["runuser", ["-u", "nobody", "--", cmd, ...args]] as const) : ([cmd, args] as const);
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "nobody"]).toString().trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  const data = path.join(dir, "data");
  const [initCmd, initArgs] = as(path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "tiebreaker",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  execFileSync(initCmd, initArgs, { stdio: "ignore", cwd: dir });
  const port = await freePort();
  const [cmd, args] = as(path.join(bin, "postgres"), [
    "-D",
    data,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "fsync=off",
    "-c",
    "max_connections=200",
  ]);
  const server = spawn(cmd, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let log = "";
    server.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("database system is ready to accept connections")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`postgres exited with ${code}: ${log}`)));
  });
  return {
    url: `postgres://tiebreaker@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        // SIGINT is PostgreSQL's fast shutdown, sent to the postmaster itself (runuser is its parent).
        const pid = Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
        process.kill(pid, "SIGINT");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
