import { z } from "zod";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * One wall display key: an id the cookie names, the key given as its hash or in a file, the
 * clusters the display may show, and `revoked` to end every display paired with it.
 */
export const displayKeySchema = z
  .strictObject({
    id: z.string().regex(/^[\w.@-]{1,64}$/, "letters, digits and . _ @ -"),
    /** sha256 of the key, hex: the key itself then appears nowhere in the config. */
    keySha256: z.string().regex(SHA256_HEX, "must be a lowercase hex SHA-256").optional(),
    keyFile: z.string().min(1).optional(),
    clusters: z.union([z.literal("*"), z.array(z.string().min(1)).min(1)]).default("*"),
    revoked: z.boolean().default(false),
  })
  .refine((k) => Boolean(k.keySha256) !== Boolean(k.keyFile), {
    message: "set exactly one of keySha256, keyFile",
    path: ["keySha256"],
  });

export const displayKeysSchema = z.array(displayKeySchema).default([]);

export type DisplayKeyConfig = z.infer<typeof displayKeySchema>;
