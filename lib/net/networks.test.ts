import { describe, expect, it } from "vitest";
import { isLoopback, networkMatcher, plainAddress } from "./networks";

describe("network matching", () => {
  const inside = networkMatcher(["10.0.0.0/24", "192.168.7.9", "fd00::/64"]);

  it.each([
    ["an address inside a /24", "10.0.0.42", true],
    ["an address just outside it", "10.0.1.1", false],
    ["a single configured address", "192.168.7.9", true],
    ["its neighbour", "192.168.7.10", false],
    ["an IPv6 address inside a /64", "fd00::12", true],
    ["an IPv6 address outside", "fd01::12", false],
    ["an IPv4-mapped IPv6 peer", "::ffff:10.0.0.7", true],
    ["a bracketed IPv6 literal", "[fd00::1]", true],
    ["the cloud metadata address", "169.254.169.254", false],
    ["a host name (never resolved)", "pve1.example", false],
    ["garbage", "10.0.0.1/8", false],
  ])("%s → %s", (_, address, expected) => {
    expect(inside(address)).toBe(expected);
  });

  it("no networks match nothing", () => {
    expect(networkMatcher([])("10.0.0.1")).toBe(false);
  });

  it("loopback is 127/8 and ::1, in any spelling a socket uses", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("127.3.4.5")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.1")).toBe(false);
    expect(plainAddress("::ffff:10.1.2.3")).toBe("10.1.2.3");
  });
});
