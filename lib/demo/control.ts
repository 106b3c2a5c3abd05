import { z } from "zod";

export const demoSwitchSchema = z.strictObject({ scenario: z.string().regex(/^[\w.-]+$/) });

export const demoSwitchResultSchema = z.object({
  scenario: z.string(),
  nodes: z.array(
    z.object({ name: z.string(), nodeId: z.number().nullable(), ip: z.string().nullable() }),
  ),
  /** Whether the scenario carries `linstor/` files, which the demo's simulated controller serves. */
  linstor: z.boolean().optional(),
});

export type DemoSwitchResult = z.infer<typeof demoSwitchResultSchema>;

/** What the demo launcher's control port answers on GET /state. */
export const demoControlStateSchema = z.object({
  current: z.string(),
  startedAt: z.string(),
  appliedSteps: z.array(z.string()),
  scenarios: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      timeline: z.boolean(),
      /** Loaded with --scenarios rather than shipped in scenarios/. */
      extra: z.boolean(),
    }),
  ),
});

export type DemoControlState = z.infer<typeof demoControlStateSchema>;

/** GET /api/demo: the controls exist only while the server runs as the demo. */
export type DemoState = { enabled: false; error?: string } | ({ enabled: true } & DemoControlState);

/** Set only by the demo launcher, and only to a loopback address. */
export function demoControlUrl(): string | null {
  const value = process.env.TIEBREAKER_DEMO_CONTROL;
  if (!value) return null;
  const url = new URL(value);
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" ? url.toString() : null;
}
