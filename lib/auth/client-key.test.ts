import { describe, expect, it } from "vitest";
import { clientKey } from "./client-key";
import { installPeerAddressHeader, PEER_HEADER } from "./peer-address";

// The server stamps each request with its TCP peer; a test does the same by hand.
installPeerAddressHeader();
const from = (peer: string, forwarded?: string) =>
  new Headers({ [PEER_HEADER]: peer, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });

describe("the client a per-client limit counts", () => {
  it("is the TCP peer; a client's own X-Forwarded-For is ignored", () => {
    expect(clientKey(from("192.0.2.7"), [])).toBe("192.0.2.7");
    expect(clientKey(from("192.0.2.7", "10.0.0.1"), [])).toBe("192.0.2.7");
    expect(clientKey(from("192.0.2.7", "10.0.0.1"), ["127.0.0.1"])).toBe("192.0.2.7");
    expect(clientKey(from("::ffff:192.0.2.7"), [])).toBe("192.0.2.7");
  });

  it("behind a configured proxy, is the nearest forwarded hop that is not a proxy", () => {
    expect(clientKey(from("127.0.0.1", "203.0.113.9"), ["127.0.0.1"])).toBe("203.0.113.9");
    // A client that sends its own header gets the proxy's hop appended after it.
    expect(clientKey(from("127.0.0.1", "10.0.0.1, 203.0.113.9"), ["127.0.0.1"])).toBe(
      "203.0.113.9",
    );
    expect(
      clientKey(from("10.9.0.2", "198.51.100.4, 10.9.0.3"), ["10.9.0.0/16"]),
      "a chain of two proxies",
    ).toBe("198.51.100.4");
    expect(clientKey(from("127.0.0.1"), ["127.0.0.1"]), "a proxy that names nobody").toBe(
      "127.0.0.1",
    );
  });

  it("is one shared key when the request carries no peer stamp", () => {
    expect(clientKey(new Headers({ "x-forwarded-for": "10.0.0.1" }), [])).toBe("unknown");
  });
});
