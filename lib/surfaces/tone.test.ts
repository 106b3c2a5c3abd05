import { describe, expect, it } from "vitest";
import {
  boolTone,
  connectionTone,
  diskStateTone,
  qdeviceTone,
  severityTone,
  usageTone,
  worstTone,
} from "./tone";

const LEVELS = { storageWarnRatio: 0.85, storageCritRatio: 0.95 };

describe("tones", () => {
  it("never shows unknown as healthy", () => {
    expect(boolTone(null)).toBe("unknown");
    expect(diskStateTone(null)).toBe("unknown");
    expect(diskStateTone("DUnknown")).toBe("unknown");
    expect(usageTone(null, LEVELS)).toBe("unknown");
    expect(qdeviceTone("unknown")).toBe("unknown");
  });

  it.each([
    ["UpToDate", "ok"],
    ["Inconsistent", "warn"],
    ["Outdated", "warn"],
    ["Failed", "crit"],
    ["Diskless", "info"],
  ] as const)("DRBD disk %s → %s", (state, tone) => expect(diskStateTone(state)).toBe(tone));

  it("grades connections, usage and severities", () => {
    expect(connectionTone("Connected")).toBe("ok");
    expect(connectionTone("StandAlone")).toBe("crit");
    expect(connectionTone("Connecting")).toBe("warn");
    expect(usageTone(0.9, LEVELS)).toBe("warn");
    expect(usageTone(0.96, LEVELS)).toBe("crit");
    expect(severityTone("critical")).toBe("crit");
    expect(worstTone(["ok", "unknown", "warn"])).toBe("warn");
    expect(worstTone([])).toBe("unknown");
  });
});
