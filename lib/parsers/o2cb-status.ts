import { z } from "zod";
import { detail, detailEntries, detailList } from "./output-schema";
import { fail, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "o2cb-status";

const o2cbHeartbeatModeSchema = z.enum(["local", "global"]);

const o2cbHeartbeatRegionSchema = z.object({
  uuid: z.string(),
  device: z.string(),
});

const o2cbTimeoutsSchema = z.object({
  heartbeatDeadThreshold: detail(z.number()),
  networkIdleTimeoutMs: detail(z.number()),
  networkKeepaliveDelayMs: detail(z.number()),
  networkReconnectDelayMs: detail(z.number()),
});

/**
 * `o2cb cluster-status`, `o2cb.init status` / `service o2cb status` (old and new layouts), and the
 * `o2cb: ...` error lines the o2cb tool prints instead of a status.
 */
export const o2cbStatusSchema = z.object({
  clusterName: z.string().nullable(),
  /** Null when the output does not say (for example only driver lines were printed). */
  online: z.boolean().nullable(),
  /** The cluster state word as printed: "Online", "Offline", "online", "offline". */
  clusterState: detail(z.string()),
  /** The heartbeat state as printed: "Active", "Not active". */
  heartbeat: z.string().nullable(),
  heartbeatActive: detail(z.boolean()),
  heartbeatMode: detail(o2cbHeartbeatModeSchema),
  /** Cluster stack plugin as printed ("o2cb", "user"), or the control daemon's stack ("pcmk"). */
  stack: detail(z.string()),
  /** Kernel module name to state as printed, e.g. configfs: "Loaded", ocfs2_dlmfs: "Not loaded". */
  drivers: detailEntries(),
  /** Pseudo-filesystem to state as printed, e.g. configfs: "Mounted". */
  filesystems: detailEntries(),
  heartbeatRegions: detailList(o2cbHeartbeatRegionSchema),
  /** Node numbers o2hb sees alive ("Nodes in O2CB cluster"); null when not printed. */
  liveNodes: detail(z.array(z.number())),
  timeouts: o2cbTimeoutsSchema.catch(() => ({
    heartbeatDeadThreshold: null,
    networkIdleTimeoutMs: null,
    networkKeepaliveDelayMs: null,
    networkReconnectDelayMs: null,
  })),
  /** Error lines, verbatim. */
  errors: detailList(z.string()),
});

export type O2cbHeartbeatMode = z.infer<typeof o2cbHeartbeatModeSchema>;
export type O2cbHeartbeatRegion = z.infer<typeof o2cbHeartbeatRegionSchema>;
export type O2cbTimeouts = z.infer<typeof o2cbTimeoutsSchema>;
export type O2cbStatus = z.infer<typeof o2cbStatusSchema>;

const CHECKING_CLUSTER = /^Checking O2CB cluster (?:"([^"]*)"|([^\s:"]+)) ?: *(\S.*)$/;
const CLUSTER_STATUS = /^Cluster '([^']*)' is (\S+)$/;
const BARE_STATUS = /^(online|offline|error)$/i;
const DRIVER = /^(?:Driver for|Module) "([^"]+)": *(\S.*)$/;
const FILESYSTEM = /^Filesystem "([^"]+)": *(\S.*)$/;
const STACK_GLUE = /^Stack glue driver: *(\S.*)$/;
const STACK_PLUGIN = /^Stack plugin "([^"]+)": *(\S.*)$/;
const CONTROL_DAEMON = /^Checking for control daemon: *(\S.*)$/;
const TIMEOUT =
  /^(Heartbeat dead threshold|Network idle timeout|Network keepalive delay|Network reconnect delay) *[:=] *(\d+)$/;
const HEARTBEAT_MODE = /^Heartbeat mode *[:=] *(\S+)$/;
const HEARTBEAT = /^(?:Checking O2CB heartbeat|Heart ?beat) *: *(\S.*)$/i;
const REGION = /^([0-9A-Fa-f]{32}) +(\S+)$/;
const LIVE_NODES = /^Nodes in O2CB cluster: *(.*)$/;
const DEBUGFS = /^Debug file system at /;
const USERDLM = /^Active userdlm domains:/;
const TOOL_ERROR = /^o2cb(?:_ctl)?: +(.*)$/;
const NOT_REGISTERED = /^Cluster '([^']*)' not registered/;
const SCRIPT_ERROR = /^(?:Unable to |Invalid |Failed\b|Cluster not known)/;

const TIMEOUT_FIELDS: Record<string, keyof O2cbTimeouts> = {
  "Heartbeat dead threshold": "heartbeatDeadThreshold",
  "Network idle timeout": "networkIdleTimeoutMs",
  "Network keepalive delay": "networkKeepaliveDelayMs",
  "Network reconnect delay": "networkReconnectDelayMs",
};

function onlineWord(word: string): boolean | null {
  const lower = word.toLowerCase();
  if (lower === "online") return true;
  if (lower === "offline") return false;
  return null;
}

function heartbeatWord(word: string): boolean | null {
  const lower = word.toLowerCase();
  if (lower === "active") return true;
  if (lower === "not active" || lower === "inactive") return false;
  return null;
}

export function parseO2cbStatus(text: string): ParseResult<O2cbStatus> {
  return parseText(FORMAT, text, (input) => {
    const status: O2cbStatus = {
      clusterName: null,
      online: null,
      clusterState: null,
      heartbeat: null,
      heartbeatActive: null,
      heartbeatMode: null,
      stack: null,
      drivers: {},
      filesystems: {},
      heartbeatRegions: [],
      liveNodes: null,
      timeouts: {
        heartbeatDeadThreshold: null,
        networkIdleTimeoutMs: null,
        networkKeepaliveDelayMs: null,
        networkReconnectDelayMs: null,
      },
      errors: [],
    };
    const drivers = new Map<string, string>();
    const filesystems = new Map<string, string>();
    let recognised = 0;
    let firstContentLine: number | null = null;
    let notRegistered = false;

    const lines = splitLines(input);
    for (let index = 0; index < lines.length; index++) {
      const raw = lines[index] ?? "";
      const line = raw.trim();
      if (line === "") continue;
      firstContentLine ??= index + 1;
      recognised++;
      let match: RegExpExecArray | null;

      if ((match = CHECKING_CLUSTER.exec(line))) {
        const name = match[1] ?? match[2] ?? "";
        const state = match[3] ?? "";
        // `o2cb.init start` prints "Checking O2CB cluster configuration : Failed" when cluster.conf is missing.
        if (match[2] === "configuration") {
          status.errors.push(line);
          continue;
        }
        status.clusterName = name;
        status.clusterState = state;
        status.online = onlineWord(state);
      } else if ((match = CLUSTER_STATUS.exec(line))) {
        status.clusterName = match[1] ?? null;
        status.clusterState = match[2] ?? null;
        status.online = onlineWord(match[2] ?? "");
      } else if ((match = BARE_STATUS.exec(line))) {
        status.clusterState = match[1] ?? null;
        status.online = onlineWord(match[1] ?? "");
      } else if ((match = DRIVER.exec(line))) {
        drivers.set(match[1] ?? "", match[2] ?? "");
      } else if ((match = FILESYSTEM.exec(line))) {
        filesystems.set(match[1] ?? "", match[2] ?? "");
      } else if ((match = STACK_GLUE.exec(line))) {
        drivers.set("ocfs2_stackglue", match[1] ?? "");
      } else if ((match = STACK_PLUGIN.exec(line))) {
        const plugin = match[1] ?? "";
        drivers.set(`ocfs2_stack_${plugin}`, match[2] ?? "");
        status.stack ??= plugin;
      } else if ((match = CONTROL_DAEMON.exec(line))) {
        const daemon = /ocfs2_controld\.(\w+)$/.exec(match[1] ?? "");
        if (daemon?.[1]) status.stack = daemon[1];
      } else if ((match = TIMEOUT.exec(line))) {
        const field = TIMEOUT_FIELDS[match[1] ?? ""];
        if (field) status.timeouts[field] = Number(match[2]);
      } else if ((match = HEARTBEAT_MODE.exec(line))) {
        const mode = (match[1] ?? "").toLowerCase();
        status.heartbeatMode = mode === "local" || mode === "global" ? mode : null;
      } else if ((match = HEARTBEAT.exec(line))) {
        status.heartbeat = match[1] ?? null;
        status.heartbeatActive = heartbeatWord(match[1] ?? "");
      } else if (raw !== line && (match = REGION.exec(line))) {
        status.heartbeatRegions.push({ uuid: match[1] ?? "", device: match[2] ?? "" });
      } else if ((match = LIVE_NODES.exec(line))) {
        status.liveNodes = (match[1] ?? "")
          .split(/\s+/)
          .filter((node) => /^\d+$/.test(node))
          .map(Number);
      } else if (DEBUGFS.test(line) || USERDLM.test(line)) {
        // Recognised, nothing the dashboard needs.
      } else if ((match = TOOL_ERROR.exec(line))) {
        status.errors.push(line);
        const unregistered = NOT_REGISTERED.exec(match[1] ?? "");
        if (unregistered) {
          status.clusterName ??= unregistered[1] ?? null;
          notRegistered = true;
        }
      } else if (SCRIPT_ERROR.test(line)) {
        status.errors.push(line);
      } else {
        recognised--;
      }
    }

    if (firstContentLine === null) {
      return fail(FORMAT, null, "empty input: o2cb always prints a status or an error");
    }
    if (recognised === 0) {
      return fail(FORMAT, firstContentLine, "no o2cb status line recognised");
    }

    status.drivers = Object.fromEntries(drivers);
    status.filesystems = Object.fromEntries(filesystems);
    // An unregistered cluster is not online; cluster registrations live in configfs, so without it nothing is.
    if (status.online === null && (notRegistered || drivers.get("configfs") === "Not loaded")) {
      status.online = false;
    }
    return ok(status);
  });
}
