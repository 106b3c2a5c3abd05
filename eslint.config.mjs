import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

// Data flows one way: source → parser → snapshot → rules → surfaces → app/components. Each layer
// may import the layers before it, never the ones after it; lib/ never imports the harnesses
// (agent/, replay/, demo/, lab/) that sit on top of it. Tests may drive a real agent or replay a
// scenario, so for them only the harness ban is lifted.
const LAYERS = [
  {
    name: "parsers",
    files: ["lib/parsers/**"],
    later: [
      "agents",
      "proxmox",
      "snapshot",
      "health",
      "surfaces",
      "collector",
      "config",
      "queries",
      "hooks",
      "demo",
    ],
  },
  {
    name: "sources",
    files: ["lib/agents/**", "lib/proxmox/**", "lib/linstor/**"],
    later: [
      "snapshot/build-snapshot",
      "snapshot/source-state",
      "health",
      "surfaces",
      "collector",
      "config",
      "queries",
      "hooks",
      "demo",
    ],
  },
  {
    name: "snapshot",
    files: ["lib/snapshot/**"],
    later: ["health", "surfaces", "collector", "config", "queries", "hooks", "demo"],
  },
  {
    name: "rules",
    files: ["lib/health/**"],
    later: ["surfaces", "collector", "config", "queries", "hooks", "demo"],
  },
  {
    name: "surfaces",
    files: ["lib/surfaces/**"],
    later: ["collector", "config", "queries", "hooks", "demo"],
  },
];
const HARNESSES = [
  "@/agent/*",
  "@/agent/**",
  "@/replay/*",
  "@/demo/*",
  "@/lab/*",
  "**/../agent/*",
  "**/../replay/*",
];
const PAGES = ["@/app/*", "@/app/**", "@/components/*", "@/components/**"];

function layerRule(later, harnessBanned) {
  const patterns = [{ group: PAGES, message: "lib/ never imports pages or components." }];
  if (later.length > 0)
    patterns.push({
      group: later.flatMap((l) => [`@/lib/${l}`, `@/lib/${l}/*`, `@/lib/${l}/**`]),
      message:
        "lib/ layers import only earlier layers: source → parser → snapshot → rules → surfaces → app.",
    });
  if (harnessBanned)
    patterns.push({
      group: HARNESSES,
      message: "lib/ never imports agent/, replay/, demo/ or lab/.",
    });
  return ["error", { patterns }];
}

const layering = [
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: { "no-restricted-imports": layerRule([], true) },
  },
  ...LAYERS.map((layer) => ({
    files: layer.files.map((f) => `${f}/*.ts`),
    rules: { "no-restricted-imports": layerRule(layer.later, true) },
  })),
  {
    files: ["lib/**/*.test.ts", "lib/**/test-helpers.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: PAGES, message: "lib/ never imports pages or components." }] },
      ],
    },
  },
  {
    files: ["components/**/*.tsx", "components/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/parsers/*",
                "@/lib/agents/*",
                "@/lib/proxmox/*",
                "@/lib/linstor/*",
                "@/lib/snapshot/*",
                "@/lib/collector/*",
                "@/lib/config/*",
                "@/lib/health/rules/*",
                "@/lib/health/evaluate*",
                "@/lib/health/views*",
                "@/agent/*",
                "@/replay/*",
                "proxmox-api",
              ],
              message:
                "Components render a surface's view model (lib/surfaces) and nothing below it.",
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "agent/dist/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "**/*.mjs",
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  ...layering,
);
