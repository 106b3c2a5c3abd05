import { z } from "zod";
import { COMPONENT_IDS } from "@/lib/surfaces/public-status";
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from "./types";

/** A moment from an ISO string or a datetime-local field, which is read as UTC. */
const moment = z
  .string()
  .trim()
  .min(1)
  .transform((value, ctx) => {
    const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
    const ms = Date.parse(zoned);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: "not a date and time" });
      return z.NEVER;
    }
    return ms;
  });

const text = (max: number) => z.string().trim().max(max);
const componentOrAll = z
  .union([z.enum(COMPONENT_IDS), z.literal("")])
  .transform((v) => (v === "" ? null : v));

/** POST /api/admin/status/incidents: an incident an admin opens by hand. */
export const newIncidentSchema = z.strictObject({
  clusterId: z.string().min(1),
  componentId: componentOrAll.default(null),
  impact: z.enum(INCIDENT_IMPACTS),
  title: text(200).min(1),
  body: text(5_000).min(1),
});

/** POST /api/admin/status/incidents/<id>/updates: the next step of an incident. */
export const incidentUpdateSchema = z.strictObject({
  status: z.enum(INCIDENT_STATUSES),
  body: text(5_000).min(1),
});

/** POST /api/admin/status/incidents/<id>: its public title, impact and postmortem. */
export const incidentEditSchema = z
  .strictObject({
    title: text(200).min(1).optional(),
    impact: z.enum(INCIDENT_IMPACTS).optional(),
    /** An empty postmortem removes it. */
    postmortem: text(20_000).optional(),
  })
  .transform((v) => ({
    ...v,
    postmortem: v.postmortem === undefined ? undefined : v.postmortem === "" ? null : v.postmortem,
  }));

/** POST /api/admin/status/maintenance: a window, possibly announced ahead. */
export const maintenanceSchema = z
  .strictObject({
    clusterId: z.string().min(1),
    /** Empty or absent: every component of the cluster. */
    componentIds: z
      .union([z.array(z.enum(COMPONENT_IDS)), z.enum(COMPONENT_IDS)])
      .optional()
      .transform((v) => (v === undefined ? null : [v].flat().length === 0 ? null : [v].flat())),
    title: text(200).min(1),
    body: text(5_000).default(""),
    startsAt: moment,
    endsAt: moment,
  })
  .refine((m) => m.endsAt > m.startsAt, { message: "ends before it starts", path: ["endsAt"] });

/** A form post as a plain object; a field given more than once (checkboxes) becomes a list. */
export function formObject(form: FormData, lists: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = lists.includes(key) ? values : values[0];
  }
  return out;
}
