// ESLint: strict on the layering the style guide describes (these are errors and fail CI), lenient
// on style (Prettier formats; the recommended rules catch mistakes, not taste).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Import paths that reach the database layer: `db/` itself and the query builder. */
const DATABASE = [
  {
    group: ["**/db/*", "**/db/index", "**/db"],
    message: "Only app/models/*.server.ts and app/db.server.ts touch db/.",
  },
  {
    group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*"],
    message: "Only models touch the database.",
  },
];

/** Everything `app/lib` must not import: it is pure domain logic. */
const NOT_IN_LIB = [
  ...DATABASE,
  { group: ["~/models/*", "**/models/*"], message: "app/lib must not import models." },
  { group: ["~/db.server", "**/db.server"], message: "app/lib must not touch the database." },
  {
    group: [
      "react",
      "react/*",
      "react-dom",
      "react-dom/*",
      "@remix-run/*",
      "chart.js",
      "chart.js/*",
    ],
    message: "app/lib is pure: no React, Remix or chart rendering.",
  },
  { group: ["node:*"], message: "app/lib is pure: no Node modules." },
  {
    group: ["~/components/*", "~/routes/*", "**/components/*", "**/routes/*"],
    message: "app/lib must not import UI.",
  },
];

export default tseslint.config(
  {
    ignores: ["build/", "public/build/", "node_modules/", ".data/", ".cache/", "db/migrations/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        // Node and browser globals used across app, scripts and tests.
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        window: "readonly",
        document: "readonly",
      },
    },
    rules: {
      // Mistakes of taste are warnings, but `npm run lint` allows none (--max-warnings 0, decision 057):
      // they are one-line fixes, and a count left to grow hides the next real one.
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "warn",
      "@typescript-eslint/no-non-null-assertion": "off",
      "prefer-const": "warn",
      "no-useless-assignment": "warn",
      "no-empty": ["warn", { allowEmptyCatch: true }],
      "no-undef": "off", // TypeScript checks names; the rule does not know TS globals.
    },
  },
  {
    // Routes, components and the rest of app/ reach data through models only.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/models/**", "app/db.server.ts", "app/lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: DATABASE }] },
  },
  {
    files: ["app/lib/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: NOT_IN_LIB }] },
  },
);
