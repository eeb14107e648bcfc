#!/usr/bin/env node
// Compress the browser build's text assets once, at build time, beside each file (`x.js.br`,
// `x.js.gz`), so the server sends them compressed without spending CPU per request (see
// scripts/serve.mjs). The assets are immutable (their names carry a content hash), so the
// slowest, smallest settings pay once. scripts/build-app.mjs runs it after `remix build`.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ASSETS_DIR = path.join(root, "public", "build");

const COMPRESSIBLE = /\.(?:js|mjs|css|map|json|svg|txt|html)$/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** In the server's order of preference; `name` as in Accept-Encoding and Content-Encoding. */
export const ENCODINGS = [
  {
    name: "br",
    suffix: ".br",
    compress: (bytes) =>
      brotli(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
  },
  { name: "gzip", suffix: ".gz", compress: (bytes) => gzip(bytes, { level: 9 }) },
];

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Write a `.br` and a `.gz` copy beside every compressible file under `dir`, and remove copies
 * whose original is gone. A copy that would not be smaller is not written: the plain file is
 * served instead. Returns the bytes before and after, per encoding.
 */
export async function precompressAssets(dir = ASSETS_DIR) {
  const files = filesUnder(dir);
  const present = new Set(files);
  for (const file of files) {
    const copyOf = ENCODINGS.find(({ suffix }) => file.endsWith(suffix));
    if (copyOf && !present.has(file.slice(0, -copyOf.suffix.length))) fs.rmSync(file);
  }
  const totals = { files: 0, plain: 0, ".br": 0, ".gz": 0 };
  const originals = files.filter((file) => COMPRESSIBLE.test(file));
  await Promise.all(
    originals.map(async (file) => {
      const bytes = fs.readFileSync(file);
      totals.files += 1;
      totals.plain += bytes.length;
      for (const { suffix, compress } of ENCODINGS) {
        const packed = await compress(bytes);
        const target = file + suffix;
        if (packed.length < bytes.length) {
          fs.writeFileSync(target, packed);
          totals[suffix] += packed.length;
        } else {
          fs.rmSync(target, { force: true });
          totals[suffix] += bytes.length;
        }
      }
    }),
  );
  return totals;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const totals = await precompressAssets();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `Precompressed ${totals.files} assets in ${((Date.now() - started) / 1000).toFixed(1)} s: ${kb(totals.plain)} -> brotli ${kb(totals[".br"])}, gzip ${kb(totals[".gz"])}`,
  );
}
