import { readFileSync } from "node:fs";
import { z } from "zod";

const command = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const toolsSchema = z
  .object({
    "corosync-quorumtool": command.default("/usr/sbin/corosync-quorumtool"),
    "corosync-qdevice-tool": command.default("/usr/sbin/corosync-qdevice-tool"),
    "corosync-cfgtool": command.default("/usr/sbin/corosync-cfgtool"),
    "corosync-cmapctl": command.default("/usr/sbin/corosync-cmapctl"),
    drbdsetup: command.default("/usr/sbin/drbdsetup"),
    drbdadm: command.default("/usr/sbin/drbdadm"),
    "mounted.ocfs2": command.default("/usr/sbin/mounted.ocfs2"),
    o2cb: command.default("/usr/sbin/o2cb"),
    journalctl: command.default("/usr/bin/journalctl"),
    "proxmox-boot-tool": command.default("/usr/sbin/proxmox-boot-tool"),
    /** Line-buffers `corosync-quorumtool -m`, which otherwise holds its output in a pipe. */
    stdbuf: command.default("/usr/bin/stdbuf"),
  })
  .strict()
  .prefault({});

const filesSchema = z
  .object({
    "corosync.conf": z.string().min(1).default("/etc/corosync/corosync.conf"),
    "proc-drbd": z.string().min(1).default("/proc/drbd"),
    "proc-mounts": z.string().min(1).default("/proc/mounts"),
    "ocfs2-cluster.conf": z.string().min(1).default("/etc/ocfs2/cluster.conf"),
    "boot-dir": z.string().min(1).default("/boot"),
    "proxmox-boot-pin": z.string().min(1).default("/etc/kernel/proxmox-boot-pin"),
    "next-boot-pin": z.string().min(1).default("/etc/kernel/next-boot-pin"),
  })
  .strict()
  .prefault({});

export const agentConfigSchema = z
  .object({
    listen: z
      .object({
        host: z.string().min(1).default("127.0.0.1"),
        port: z.number().int().min(1).max(65535).default(9495),
      })
      .strict()
      .prefault({}),
    tokenFile: z.string().min(1).default("/etc/tiebreaker/agent.token"),
    metricsTokenFile: z.string().min(1).optional(),
    nodeName: z.string().min(1).optional(),
    root: z.string().min(1).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
    maxOutputBytes: z
      .number()
      .int()
      .min(4096)
      .max(64 * 1024 * 1024)
      .default(2 * 1024 * 1024),
    cacheMs: z.number().int().min(0).max(60_000).default(2_000),
    /** How often serve reads knet's link state and corosync's membership to announce a change; 0 = never. */
    watchMs: z.number().int().min(0).max(60_000).default(250),
    kernelLogLines: z.number().int().min(1).max(100_000).default(2_000),
    tools: toolsSchema,
    files: filesSchema,
  })
  .strict();

export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type ToolName = keyof AgentConfig["tools"];

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates a parsed config object; the message names the offending field. */
export function parseAgentConfig(raw: unknown, origin: string): AgentConfig {
  const result = agentConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : "(top level)";
  throw new ConfigError(`${origin}: field "${field}": ${issue?.message ?? "invalid"}`);
}

export function loadAgentConfig(file: string | undefined): AgentConfig {
  if (file === undefined) return parseAgentConfig({}, "defaults");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${errorCode(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseAgentConfig(raw, `config file ${file}`);
}

export function readTokenFile(file: string, what: string): string {
  let token: string;
  try {
    token = readFileSync(file, "utf8").trim();
  } catch (err) {
    throw new ConfigError(`cannot read ${what} file ${file}: ${errorCode(err)}`);
  }
  if (token.length < 16) {
    throw new ConfigError(`${what} file ${file} holds ${token.length} characters; use at least 16`);
  }
  return token;
}

function errorCode(err: unknown): string {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") {
    return err.code === "ENOENT" ? "no such file" : err.code;
  }
  return String(err);
}
