/** The smallest cluster entry the config accepts, for tests that are about another part of it. */
export function minimalCluster(id = "prod") {
  return {
    id,
    proxmox: {
      urls: ["https://pve1.example:8006"],
      tokenId: "tiebreaker@pve!dashboard",
      tokenSecret: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
    },
  };
}
