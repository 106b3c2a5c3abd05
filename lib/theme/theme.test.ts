import { describe, expect, it } from "vitest";
import { parseTheme, themeCookie } from "./theme";

describe("theme choice", () => {
  it("keeps a known choice and follows the system for anything else", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme(undefined)).toBe("system");
    expect(parseTheme("solarized")).toBe("system");
  });

  it("is remembered for a year on every path", () => {
    expect(themeCookie("dark")).toBe("tb-theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
