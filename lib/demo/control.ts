import { z } from "zod";

export const demoSwitchSchema = z.strictObject({ scenario: z.string().regex(/^[\w.-]+$/) });

export const demoSwitchResultSchema = z.object({
  scenario: z.string(),
  nodes: z.array(
    z.object({ name: z.string(), nodeId: z.number().nullable(), ip: z.string().nullable() }),
  ),
});

export type DemoSwitchResult = z.infer<typeof demoSwitchResultSchema>;

/** Set only by the demo launcher, and only to a loopback address. */
export function demoControlUrl(): string | null {
  const value = process.env.TIEBREAKER_DEMO_CONTROL;
  if (!value) return null;
  const url = new URL(value);
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" ? url.toString() : null;
}
