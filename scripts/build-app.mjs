#!/usr/bin/env node
// The app's build: Chart.js for the browser first, then `remix build` (production), then the
// assets' compressed copies (scripts/precompress-assets.mjs). Every script that builds the app
// runs this; `--chart-only` (for `remix dev`) stops after Chart.js.
//
// Chart.js reaches the page through Rollup: the parts the app imports, bundled into
// build/chart/chart.js, which package.json's "browser" field puts in place of "chart.js" when
// Remix builds the page. Rollup sees that RadialLinearScale's and TimeSeriesScale's static
// defaults only read plain objects and leaves the two classes out; esbuild (Remix's bundler) must
// keep them, and Remix takes no esbuild options (decision 066).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { rollup } from "rollup";
import { precompressAssets } from "./precompress-assets.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
// NOTE: the names app code imports from "chart.js" at run time; a name missing here fails the
// page's build ("No matching export"), so this list cannot silently fall behind.
const CHART_PARTS = [
  "Chart",
  "Interaction",
  "_adapters",
  "LinearScale",
  "LogarithmicScale",
  "LineController",
  "LineElement",
  "PointElement",
  "TimeScale",
];

async function bundleChart() {
  const entry = "\0chart-parts";
  const bundle = await rollup({
    input: entry,
    plugins: [
      {
        name: "chart-parts",
        resolveId: (id) => (id === entry ? id : null),
        load: (id) =>
          id === entry ? `export { ${CHART_PARTS.join(", ")} } from "chart.js";` : null,
      },
      {
        // Packages (chart.js, its colour library) as Node resolves them from here.
        name: "node-modules",
        resolveId(id, importer) {
          if (id.startsWith(".") || id.startsWith("\0") || path.isAbsolute(id)) return null;
          return this.resolve(new URL(import.meta.resolve(id)).pathname, importer);
        },
      },
    ],
  });
  const { output } = await bundle.generate({ format: "esm" });
  await bundle.close();
  const out = path.join(root, "build/chart/chart.js");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, output[0].code);
}

await bundleChart();
if (!process.argv.includes("--chart-only")) {
  // Under vitest NODE_ENV is "test", which would give a development build.
  const build = spawnSync(path.join(root, "node_modules/.bin/remix"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  process.exitCode = build.status ?? 1;
  // The server sends the assets' compressed copies (decision 068).
  if (build.status === 0) await precompressAssets();
}
