import { describe, expect, it } from "vitest";
import { hostAllowed } from "./host-check";

describe("Host header check", () => {
  const allowed = ["dash.example", "wall.example:8443", "[fd00::5]"];

  it.each([
    ["localhost with a port", "localhost:3000", true],
    ["127.0.0.1", "127.0.0.1:3000", true],
    ["another loopback address", "127.0.0.2", true],
    ["IPv6 loopback", "[::1]:3000", true],
    ["a configured name on any port", "dash.example:3000", true],
    ["a configured name, any case", "DASH.example", true],
    ["a configured name and port", "wall.example:8443", true],
    ["a configured name on another port", "wall.example:80", false],
    ["a configured IPv6 address", "[fd00::5]:3000", true],
    ["a name an attacker points at us (DNS rebinding)", "evil.example:3000", false],
    ["a LAN address not configured", "10.0.0.5:3000", false],
    ["a suffix trick", "dash.example.evil.example", false],
    ["garbage", "a b", false],
    ["no Host header", null, false],
  ])("%s → %s", (_, host, expected) => {
    expect(hostAllowed(host, allowed)).toBe(expected);
  });
});
