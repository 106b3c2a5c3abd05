import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectDir } from "@/demo/test-helpers";

export interface Endpoint {
  /** `page /status/[page]` or `route /api/cluster`: the file's place under app/. */
  key: string;
  kind: "page" | "route";
  /** The URL path, with `sample` filled into each [segment]. */
  url: string;
  /** The HTTP methods a route exports; GET for a page. */
  methods: string[];
}

/** Every page.tsx and route.ts under app/, so that a test covers the ones added later too. */
export function appEndpoints(sample: (segment: string) => string = () => "1"): Endpoint[] {
  const found: Endpoint[] = [];
  const appDir = path.join(projectDir, "app");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      if (entry.name !== "page.tsx" && entry.name !== "route.ts") continue;
      const segments = path
        .relative(appDir, dir)
        .split(path.sep)
        .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
      const route = `/${segments.join("/")}`;
      const kind = entry.name === "page.tsx" ? "page" : "route";
      const methods =
        kind === "page"
          ? ["GET"]
          : [
              ...readFileSync(full, "utf8").matchAll(
                /export (?:async )?(?:function|const) (GET|POST|PUT|PATCH|DELETE)\b/g,
              ),
            ].map((m) => m[1]!);
      found.push({
        key: `${kind} ${route}`,
        kind,
        url: route.replace(/\[(\w+)\]/g, (_, name: string) => sample(name)),
        methods,
      });
    }
  };
  walk(appDir);
  return found.sort((a, b) => a.key.localeCompare(b.key));
}
