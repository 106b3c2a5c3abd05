import { describe, expect, it } from "vitest";
import { sameOrigin } from "./admin";

const post = (headers: Record<string, string>) =>
  new Request("http://dash.example:3000/api/x", { method: "POST", headers });

describe("same-origin writes", () => {
  it.each([
    [
      "a same-origin fetch",
      { "sec-fetch-site": "same-origin", origin: "http://dash.example:3000" },
      true,
    ],
    [
      "a form post under no-referrer (Origin: null)",
      { "sec-fetch-site": "same-origin", origin: "null" },
      true,
    ],
    [
      "a cross-site form",
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      false,
    ],
    [
      "a same-site but other-origin page",
      { "sec-fetch-site": "same-site", origin: "http://other.dash.example" },
      false,
    ],
    [
      "a client without fetch metadata from this host",
      { origin: "http://dash.example:3000", host: "dash.example:3000" },
      true,
    ],
    [
      "a client without fetch metadata from elsewhere",
      { origin: "https://evil.example", host: "dash.example:3000" },
      false,
    ],
    ["Origin: null without fetch metadata", { origin: "null", host: "dash.example:3000" }, false],
    ["a script with neither header (curl)", {}, true],
  ])("%s → %s", (_, headers, allowed) => {
    expect(sameOrigin(post(headers))).toBe(allowed);
  });
});
