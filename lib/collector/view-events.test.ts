import { describe, expect, it } from "vitest";
import { evaluated } from "@/lib/surfaces/test-helpers";
import type { ClusterCollector, ClusterView } from "./cluster-collector";
import { overviewResponse } from "./surface-views";
import { changeKey, overviewBody, overviewEvent, signalEvent, streamModelOf } from "./view-events";

const collector = { config: { id: "lab", name: "Lab" } } as unknown as ClusterCollector;

async function view(scenario: string): Promise<ClusterView> {
  return { ...(await evaluated(scenario)), polls: 1 };
}

/** The event's name and its one data line, parsed. */
function parse(bytes: Uint8Array): { event: string; data: unknown } {
  const text = new TextDecoder().decode(bytes);
  expect(text.endsWith("\n\n"), "an event ends with a blank line").toBe(true);
  const lines = text.slice(0, -2).split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^event: /);
  expect(lines[1]).toMatch(/^data: /);
  return { event: lines[0]!.slice(7), data: JSON.parse(lines[1]!.slice(6)) as unknown };
}

describe("the event stream's events", () => {
  it("reads ?model=: none or signal is the bare signal, overview the model, anything else refused", () => {
    expect(streamModelOf(null)).toBe("signal");
    expect(streamModelOf("")).toBe("signal");
    expect(streamModelOf("signal")).toBe("signal");
    expect(streamModelOf("overview")).toBe("overview");
    expect(streamModelOf("wall")).toBeNull();
    expect(streamModelOf("OVERVIEW")).toBeNull();
  });

  it("an overview event carries exactly the /api/cluster answer for the view, on one data line", async () => {
    const v = await view("drbd9-split-brain");
    const { event, data } = parse(overviewEvent(collector, v));
    expect(event).toBe("view");
    expect(data).toEqual(JSON.parse(JSON.stringify(overviewResponse(collector, v))));
    expect(data).toMatchObject({
      pending: false,
      clusterId: "drbd9-split-brain",
      name: "Lab",
      state: "CRITICAL",
    });
  });

  it("is built once per view and shared by every stream; a new view gets its own", async () => {
    const first = await view("healthy-3-node");
    const second = { ...first, polls: 2 };
    expect(overviewEvent(collector, first)).toBe(overviewEvent(collector, first));
    expect(overviewEvent(collector, second)).not.toBe(overviewEvent(collector, first));
  });

  it("a signal event carries the view's time only", async () => {
    const v = await view("healthy-3-node");
    expect(parse(signalEvent(v))).toEqual({
      event: "view",
      data: { takenAt: v.snapshot.takenAt },
    });
  });

  it("the signal's change key follows the summary and the findings, not the time", async () => {
    const healthy = await view("healthy-3-node");
    const later = {
      ...healthy,
      snapshot: { ...healthy.snapshot, takenAt: "2026-11-30T09:00:00Z" },
    };
    expect(changeKey(later)).toBe(changeKey(healthy));
    expect(changeKey(await view("clock-skew"))).not.toBe(changeKey(healthy));
  });

  it("/api/cluster's body is the overview answer, the same JSON as the event", async () => {
    const v = await view("drbd9-split-brain");
    const body = JSON.parse(new TextDecoder().decode(overviewBody(collector, v))) as unknown;
    expect(body).toEqual(JSON.parse(JSON.stringify(overviewResponse(collector, v))));
    expect(parse(overviewEvent(collector, v)).data).toEqual(body);
  });

  it("the body is encoded once per view, not once per request", async () => {
    const first = await view("healthy-3-node");
    const second = { ...first, polls: 2 };
    expect(overviewBody(collector, first)).toBe(overviewBody(collector, first));
    expect(overviewBody(collector, second)).not.toBe(overviewBody(collector, first));
  });
});
