import type { SourceFailure } from "@/lib/snapshot/types";

export type EndpointResult = { ok: true; data: unknown } | { ok: false; failure: SourceFailure };

/**
 * Reads one endpoint's answer out of several through its mapper. A failed answer, or one the
 * mapper rejects (recorded as garbage), lands in `errors` and reads as null.
 */
export function endpointReader<E extends string>(
  results: Partial<Record<E, EndpointResult>>,
  errors: Record<string, SourceFailure>,
  nowIso: string,
  describe: (endpoint: E, err: Error) => string,
) {
  return <T>(endpoint: E, map: (raw: unknown) => T): T | null => {
    const result = results[endpoint];
    if (!result) return null;
    if (!result.ok) {
      errors[endpoint] = result.failure;
      return null;
    }
    try {
      return map(result.data);
    } catch (err) {
      errors[endpoint] = { kind: "garbage", message: describe(endpoint, err as Error), at: nowIso };
      return null;
    }
  };
}
