// Lint: Next's recommended rules (React, hooks, accessibility, TypeScript) plus the boundaries that keep
// browser code, server code and shared code apart. Formatting is Prettier's job (eslint-config-prettier last).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// lib/ has three parts whose names say where they run: lib/client (the browser), lib/server (Node:
// databases, secrets, the network) and lib/shared (both: the API contract, settings schema, body
// parsing). Next's `server-only` marker cannot be used: it throws outside Next's bundler, and the
// custom server and the tests load these modules directly.
const SERVER_ONLY = ["@/lib/server/*", "@/server/*", "@/generated/*"];
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
    files: ["server/**", "lib/server/**", "app/api/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict(BROWSER_ONLY, "Server code may not import browser modules (only their types)."),
    },
  },
  {
    files: ["lib/shared/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict(
        [...SERVER_ONLY, ...BROWSER_ONLY, "node:*"],
        "Shared code runs in the browser and on the server: it may import only lib/shared and packages (types excepted).",
      ),
    },
  },
  {
    files: ["cli/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict(
        [...BROWSER_ONLY, "@/lib/server/db/*", "@/lib/server/queries/*", "@/lib/server/services/*", "@/generated/*", "@/server/*"],
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
