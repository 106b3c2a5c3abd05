import { z } from "zod";

export const scenarioMetaSchema = z.looseObject({
  name: z.string().min(1),
  title: z.string().min(1),
  description: z.string(),
  clusterName: z.string().min(1),
  timeline: z
    .array(z.looseObject({ atSeconds: z.number().min(0), apply: z.string().regex(/^[\w.-]+$/) }))
    .optional(),
});

export type ScenarioMeta = z.infer<typeof scenarioMetaSchema>;

export class NotAScenarioError extends Error {
  override name = "NotAScenarioError";
}
