import type { SourceFailure } from "@/lib/snapshot/types";

/** Freshness of one tile's data: unknown tiles say why and how old their last answer is. */
export interface Freshness {
  fresh: boolean;
  ageMs: number | null;
  error: SourceFailure | null;
}

export function freshness(state: {
  fresh: boolean;
  ageMs: number | null;
  error: SourceFailure | null;
}): Freshness {
  return { fresh: state.fresh, ageMs: state.ageMs, error: state.error };
}
