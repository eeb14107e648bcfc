#!/usr/bin/env node
// Compile the CLIs that must start fast (`extract`, and `setup` for npm start) to plain JavaScript in build/cli/, so
// they run on bare Node without a TypeScript loader. Runs in `npm ci` (prepare) and `npm run
// build`; scripts/cli.mjs runs it again whenever a source it bundled has changed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

export const CLI_ENTRIES = { extract: "scripts/extract.ts", setup: "scripts/setup.ts" };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const CLI_DIR = path.join(root, "build", "cli");

/**
 * Packages load from node_modules as usual (PGlite finds its WebAssembly beside itself); only
 * our own sources, including `~/` imports, are bundled.
 */
const packagesExternal = {
  name: "packages-external",
  setup(build) {
    build.onResolve({ filter: /^[^./~]/ }, (args) =>
      path.isAbsolute(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};

/** Bundle every CLI; the list of bundled sources is kept so staleness can be checked quickly. */
export async function buildCli() {
  fs.mkdirSync(CLI_DIR, { recursive: true });
  // Build beside the target and rename, so a concurrent run never sees a half-written file.
  const staging = fs.mkdtempSync(path.join(CLI_DIR, ".staging-"));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: CLI_ENTRIES,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outdir: staging,
      outExtension: { ".js": ".mjs" },
      metafile: true,
      plugins: [packagesExternal],
      logLevel: "warning",
      // CommonJS dependencies inside an ES module bundle still need a `require`.
      banner: {
        js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
      },
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(root, input));
    fs.writeFileSync(path.join(staging, "inputs.json"), JSON.stringify(inputs));
    for (const name of fs.readdirSync(staging))
      fs.renameSync(path.join(staging, name), path.join(CLI_DIR, name));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
