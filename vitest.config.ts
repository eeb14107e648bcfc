import path from "node:path";
import { defineConfig, type Plugin } from "vitest/config";

/**
 * Remix's compiler swaps `*.client.*` modules for empty ones on the server; do the same here so
 * route modules can be imported by loader tests without pulling browser-only chart code.
 */
export const emptyClientModules: Plugin = {
  name: "empty-client-modules",
  enforce: "pre",
  async resolveId(source) {
    if (!/\.client(\.[jt]sx?)?$/.test(source)) return null;
    return { id: `\0empty-client:${source}`, moduleSideEffects: false };
  },
  load(id) {
    return id.startsWith("\0empty-client:")
      ? "export default function Empty() { return null; }"
      : null;
  },
};

export default defineConfig({
  plugins: [emptyClientModules],
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
