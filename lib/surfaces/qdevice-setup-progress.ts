import { z } from "zod";

/** The two guided flows: add a QDevice, or take one away. */
export const WIZARD_FLOWS = ["setup", "remove"] as const;
export type WizardFlow = (typeof WIZARD_FLOWS)[number];

export const SETUP_STEP_IDS = [
  "install-qnetd",
  "install-qdevice",
  "allow-root-ssh",
  "run-setup",
  "verify",
  "disallow-root-ssh",
] as const;
export const REMOVE_STEP_IDS = ["run-remove", "verify-removed"] as const;
export const WIZARD_STEP_IDS = [...SETUP_STEP_IDS, ...REMOVE_STEP_IDS] as const;
export type WizardStepId = (typeof WIZARD_STEP_IDS)[number];

export function stepsOf(flow: WizardFlow): readonly WizardStepId[] {
  return flow === "setup" ? SETUP_STEP_IDS : REMOVE_STEP_IDS;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]{2,39}$/;
const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** An address or DNS name as `pvecm qdevice setup` takes it: no port, no scheme, no path. */
export const qnetdHostSchema = z
  .string()
  .trim()
  .min(1, "type the qnetd host's address")
  .max(253)
  .refine(
    (h) =>
      IPV4.test(h) ||
      (h.includes(":") && IPV6.test(h)) ||
      (HOSTNAME.test(h) && !/^[\d.]+$/.test(h)),
    "an IPv4 or IPv6 address or a host name, without a port",
  );

const actorSchema = z.object({ by: z.string().min(1).max(64), at: z.string() });
export type WizardActor = z.infer<typeof actorSchema>;

/** The server's last TCP 5403 check of the qnetd host. */
export const probeSchema = z.object({
  host: z.string(),
  reachable: z.boolean(),
  ms: z.number().nullable(),
  error: z.string().nullable(),
  at: z.string(),
  by: z.string(),
});
export type ReachabilityProbe = z.infer<typeof probeSchema>;

export const WIZARD_EVENT_KINDS = ["start", "host", "mark", "unmark", "probe", "finish"] as const;

export const wizardEventSchema = actorSchema.extend({
  kind: z.enum(WIZARD_EVENT_KINDS),
  step: z.enum(WIZARD_STEP_IDS).nullable(),
  detail: z.string().nullable(),
});
export type WizardEvent = z.infer<typeof wizardEventSchema>;

/** One admin-driven run of a flow on one cluster: what was typed, marked and probed, by whom and when. */
export const wizardRunSchema = z.object({
  id: z.string().min(1),
  clusterId: z.string().min(1),
  flow: z.enum(WIZARD_FLOWS),
  qnetdHost: z.string().nullable(),
  started: actorSchema,
  marks: z.array(actorSchema.extend({ step: z.enum(WIZARD_STEP_IDS) })),
  probe: probeSchema.nullable(),
  finished: actorSchema.nullable(),
  events: z.array(wizardEventSchema),
});
export type WizardRun = z.infer<typeof wizardRunSchema>;

/** What an admin may ask of a run, as the progress endpoint accepts it. */
export const wizardActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("start"),
    flow: z.enum(WIZARD_FLOWS),
    host: qnetdHostSchema.nullable().optional(),
  }),
  z.object({ action: z.literal("host"), host: qnetdHostSchema }),
  z.object({ action: z.literal("mark"), step: z.enum(WIZARD_STEP_IDS) }),
  z.object({ action: z.literal("unmark"), step: z.enum(WIZARD_STEP_IDS) }),
  z.object({ action: z.literal("finish") }),
]);
export type WizardAction = z.infer<typeof wizardActionSchema>;

/** A probe result as the reachability endpoint records it. */
export type ProbeAction = { action: "probe" } & Omit<ReachabilityProbe, "at" | "by">;

export type ApplyResult =
  { ok: true; run: WizardRun } | { ok: false; status: 400 | 409; error: string };

function event(
  actor: WizardActor,
  kind: WizardEvent["kind"],
  step: WizardStepId | null = null,
  detail: string | null = null,
): WizardEvent {
  return { ...actor, kind, step, detail };
}

/**
 * Applies one admin action to the cluster's current run: `start` begins a new run (the old one
 * stays in the store's history), the others need an unfinished run of the matching flow.
 */
export function applyWizardAction(
  run: WizardRun | null,
  action: WizardAction | ProbeAction,
  actor: WizardActor,
  ids: { clusterId: string; newRunId: () => string },
): ApplyResult {
  if (action.action === "start") {
    const host = action.host ?? null;
    return {
      ok: true,
      run: {
        id: ids.newRunId(),
        clusterId: ids.clusterId,
        flow: action.flow,
        qnetdHost: host,
        started: actor,
        marks: [],
        probe: null,
        finished: null,
        events: [
          event(actor, "start", null, host ? `${action.flow}, qnetd host ${host}` : action.flow),
        ],
      },
    };
  }
  if (!run)
    return { ok: false, status: 409, error: "no wizard run on this cluster yet: start one first" };
  if (run.finished && action.action !== "probe")
    return {
      ok: false,
      status: 409,
      error: `this run was finished by ${run.finished.by}; start a new one to change it`,
    };
  switch (action.action) {
    case "host":
      if (run.qnetdHost === action.host) return { ok: true, run };
      return {
        ok: true,
        run: {
          ...run,
          qnetdHost: action.host,
          probe: null,
          events: [...run.events, event(actor, "host", null, action.host)],
        },
      };
    case "mark":
    case "unmark": {
      if (!stepsOf(run.flow).includes(action.step))
        return {
          ok: false,
          status: 400,
          error: `step "${action.step}" is not part of the ${run.flow} flow`,
        };
      const marked = run.marks.some((m) => m.step === action.step);
      if (marked === (action.action === "mark")) return { ok: true, run };
      const marks =
        action.action === "mark"
          ? [...run.marks, { ...actor, step: action.step }]
          : run.marks.filter((m) => m.step !== action.step);
      return {
        ok: true,
        run: { ...run, marks, events: [...run.events, event(actor, action.action, action.step)] },
      };
    }
    case "probe": {
      if (run.qnetdHost !== action.host) return { ok: true, run };
      const probe: ReachabilityProbe = {
        host: action.host,
        reachable: action.reachable,
        ms: action.ms,
        error: action.error,
        ...actor,
      };
      const detail = action.reachable
        ? `${action.host}:5403 answered in ${action.ms ?? "?"} ms`
        : `${action.host}:5403: ${action.error ?? "not reachable"}`;
      // A repeated answer only refreshes the latest probe; the log keeps the changes.
      const same =
        run.probe?.host === action.host &&
        run.probe.reachable === action.reachable &&
        run.probe.error === action.error;
      const events = same ? run.events : [...run.events, event(actor, "probe", null, detail)];
      return { ok: true, run: { ...run, probe, events } };
    }
    case "finish":
      return {
        ok: true,
        run: { ...run, finished: actor, events: [...run.events, event(actor, "finish")] },
      };
  }
}
