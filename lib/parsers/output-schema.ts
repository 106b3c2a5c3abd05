import { z } from "zod";

// A parser's output schema is also how the dashboard reads that section of an agent's report.
// Only the contract's key fields can make a report unreadable: any other field that is missing
// or malformed reads as the value the parser gives when the tool does not print it.

/** A detail field: null when missing or malformed. */
export function detail<T extends z.ZodType>(schema: T) {
  return schema.nullable().catch(null);
}

/** A detail field that only some sources print: left out when missing or malformed. */
export function optionalDetail<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** A detail list: empty when missing or malformed. */
export function detailList<T extends z.ZodType>(item: T) {
  return z.array(item).catch([]);
}

/** Keys and values kept as printed: empty when missing or malformed. */
export function detailEntries() {
  return z.record(z.string(), z.string()).catch({});
}

/**
 * A word from a vocabulary newer agents may extend: it must be a string, and a word this version
 * does not know reads as `fallback`.
 */
export function vocabulary<const T extends readonly [string, ...string[]]>(
  words: T,
  fallback: T[number],
) {
  return z.string().pipe(z.enum(words).catch(fallback));
}
