// Lint: Next's recommended rules (React, hooks, accessibility, TypeScript) plus the boundaries that keep
// browser code, server code and shared code apart. Formatting is Prettier's job (eslint-config-prettier last).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

/** Modules that hold secrets, open databases or reach the network: never bundled for the browser. */
const SERVER_ONLY = [
  "@/lib/db/*",
  "@/lib/queries/*",
  "@/lib/services/*",
  "@/lib/outbound/*",
  "@/lib/realtime/*",
  "@/lib/deliveries/*",
  "@/lib/env",
  "@/generated/*",
  "@/server/*",
];
/** Browser modules: React state, DOM, fetch wrappers. */
const BROWSER_ONLY = ["@/lib/client/*", "@/components/*", "@/app/*"];

const restrict = (groups, message) => ["error", { patterns: [{ group: groups, message, allowTypeImports: true }] }];

const REACT_CODE = ["app/**", "components/**", "lib/client/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The hooks rules read any call named use*: Playwright fixtures, test helpers and the schema
    // engine's `use` callback are not React.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: REACT_CODE,
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // These two come with react-hooks 7 for the React Compiler, which this app does not run: they
    // flag loading state set in effects and DOM writes through refs that are correct without it.
    files: REACT_CODE,
    rules: { "react-hooks/set-state-in-effect": "off", "react-hooks/immutability": "off" },
  },
  {
    files: ["components/**", "lib/client/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict(
        [...SERVER_ONLY, "node:*"],
        "Browser code may not import server modules (only their types): move what both sides need to a shared module.",
      ),
    },
  },
  {
    files: ["server/**", "lib/**", "cli/**", "app/api/**"],
    ignores: ["lib/client/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict(BROWSER_ONLY, "Server and shared code may not import browser modules (only their types)."),
    },
  },
  {
    files: ["cli/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict(
        [...BROWSER_ONLY, "@/lib/db/*", "@/lib/queries/*", "@/lib/services/*", "@/generated/*", "@/server/*"],
        "The CLI runs on the user's machine without the server's dependencies: it may use shared modules and API types only.",
      ),
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  prettier,
  globalIgnores([
    "node_modules/**",
    ".next/**",
    ".next-*/**",
    "dist/**",
    "generated/**",
    "test-results/**",
    "playwright-report/**",
    ".tmp/**",
    "next-env.d.ts",
  ]),
]);
