function versionParts(release: string): (number | string)[] {
  return release.split(/[.-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Orders kernel releases such as 6.2.16-20-pve and 6.5.13-1-pve by their numbers. */
export function compareKernelVersions(a: string, b: string): number {
  const left = versionParts(a);
  const right = versionParts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
