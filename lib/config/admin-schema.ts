import { z } from "zod";
import { parsePasswordScrypt } from "./password-scrypt";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * One person who signs in: a name, a secret given in one of four ways (a token's SHA-256, a file, an
 * environment variable, or a password's scrypt hash), the clusters they manage and their role.
 */
export const adminSchema = z
  .strictObject({
    name: z.string().regex(/^[\w.@-]{1,64}$/, "letters, digits and . _ @ -"),
    /** sha256 of the token, hex: the token itself then appears nowhere in the config. */
    tokenSha256: z.string().regex(SHA256_HEX, "must be a lowercase hex SHA-256").optional(),
    tokenFile: z.string().min(1).optional(),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .optional(),
    /** A password's salted scrypt hash from `npm run hash-password`, for secrets people choose. */
    passwordScrypt: z
      .string()
      .superRefine((text, ctx) => {
        const parsed = parsePasswordScrypt(text);
        if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
      })
      .optional(),
    clusters: z.union([z.literal("*"), z.array(z.string().min(1)).min(1)]).default("*"),
    /** "viewer" signs in to read the admin pages and changes nothing. */
    role: z.enum(["admin", "viewer"]).default("admin"),
  })
  .refine(
    (a) => [a.tokenSha256, a.tokenFile, a.tokenEnv, a.passwordScrypt].filter(Boolean).length === 1,
    {
      message: "set exactly one of tokenSha256, tokenFile, tokenEnv, passwordScrypt",
      path: ["tokenSha256"],
    },
  );

export const adminsSchema = z.array(adminSchema).default([]);

export type AdminConfig = z.infer<typeof adminSchema>;
