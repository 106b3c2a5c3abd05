import { describe, expect, it } from "vitest";
import {
  formObject,
  incidentEditSchema,
  maintenanceSchema,
  newIncidentSchema,
} from "./admin-schema";

describe("admin forms", () => {
  it("reads a datetime-local field as UTC and keeps an explicit offset", () => {
    const parsed = maintenanceSchema.parse({
      clusterId: "prod",
      title: "Switch firmware",
      startsAt: "2026-12-01T10:00",
      endsAt: "2026-12-01T12:00+01:00",
    });
    expect(parsed).toMatchObject({
      startsAt: Date.parse("2026-12-01T10:00:00Z"),
      endsAt: Date.parse("2026-12-01T11:00:00Z"),
      componentIds: null,
      body: "",
    });
  });

  it.each([
    [
      "a window that ends before it starts",
      { startsAt: "2026-12-01T10:00", endsAt: "2026-12-01T09:00" },
    ],
    ["a component that does not exist", { componentIds: ["disks"] }],
    ["a date that is not one", { startsAt: "tomorrow" }],
  ])("refuses %s", (_name, tweak) => {
    const base = {
      clusterId: "prod",
      title: "Window",
      startsAt: "2026-12-01T10:00",
      endsAt: "2026-12-01T11:00",
    };
    expect(maintenanceSchema.safeParse({ ...base, ...tweak }).success).toBe(false);
  });

  it("turns checked boxes into a list and an empty component into the whole cluster", () => {
    const form = new FormData();
    form.append("clusterId", "prod");
    form.append("componentIds", "drbd");
    form.append("componentIds", "ocfs2");
    expect(formObject(form, ["componentIds"])).toEqual({
      clusterId: "prod",
      componentIds: ["drbd", "ocfs2"],
    });
    const incident = newIncidentSchema.parse({
      clusterId: "prod",
      componentId: "",
      impact: "outage",
      title: "Power",
      body: "Looking.",
    });
    expect(incident.componentId).toBeNull();
  });

  it("removes a postmortem given empty and keeps it when absent", () => {
    expect(incidentEditSchema.parse({ postmortem: "" }).postmortem).toBeNull();
    expect(incidentEditSchema.parse({ title: "New" }).postmortem).toBeUndefined();
  });
});
