import { z } from "zod";

/** One public status page: a title and the clusters it covers. */
export const statusPageSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes"),
  title: z.string().min(1).max(120),
  clusters: z.array(z.string().min(1)).min(1),
  /** Opt-in: list the affected node, storage and resource names under each component. */
  showNames: z.boolean().default(false),
});

/** Without any, each cluster gets a page of its own, titled with the cluster's name. */
export const statusPagesSchema = z.array(statusPageSchema).default([]);

export type StatusPageConfig = z.infer<typeof statusPageSchema>;

/**
 * The configured pages, or one per cluster when none are; an error names the offending field
 * when a page lists a cluster that is not configured or two pages share an id.
 */
export function resolveStatusPages(
  pages: readonly StatusPageConfig[],
  clusters: readonly { id: string; name?: string | undefined }[],
): { ok: true; pages: StatusPageConfig[] } | { ok: false; field: string; message: string } {
  if (pages.length === 0) {
    return {
      ok: true,
      pages: clusters.map((c) => ({
        id: c.id,
        title: c.name ?? c.id,
        clusters: [c.id],
        showNames: false,
      })),
    };
  }
  const known = new Set(clusters.map((c) => c.id));
  const ids = new Set<string>();
  for (const [i, page] of pages.entries()) {
    if (ids.has(page.id))
      return { ok: false, field: `statusPages.${i}.id`, message: `"${page.id}" is used twice` };
    ids.add(page.id);
    const missing = page.clusters.find((id) => !known.has(id));
    if (missing !== undefined)
      return { ok: false, field: `statusPages.${i}.clusters`, message: `no cluster "${missing}"` };
  }
  return { ok: true, pages: [...pages] };
}
