/** How much of a value a visitor typed may come back in an error message. */
export const EXCERPT_CHARS = 40;

/**
 * Untrusted input as it may appear in an error message: quoted, escaped as a JSON string (so no
 * control character, quote or markup survives), and cut to a few characters.
 */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  const text = String(value);
  const cut = [...text].slice(0, max).join("");
  return JSON.stringify(cut.length < text.length ? `${cut}…` : cut).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A cluster id as the config allows it; anything else cannot name a cluster. */
export const CLUSTER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
