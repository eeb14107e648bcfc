/**
 * Ingestion memory benchmark: `npm run bench:ingest`.
 * Writes folders of N article files (the shipped briefs, each copy made unique so none is skipped
 * as unchanged) and ingests each folder with the real CLI into a fresh PGlite directory, reporting
 * wall time and the process's peak resident memory. Peak memory should not grow with N.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expandArticlePaths } from "../app/models/article-files.server";

const SIZES = [250, 1000, 2000];
const sources = expandArticlePaths(["data/articles"]).files.map(({ file }) =>
  fs.readFileSync(file, "utf8"),
);

function writeFolder(dir: string, count: number): number {
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const [title, ...rest] = sources[i % sources.length].split("\n");
    const text = [`${title} (copy ${i})`, ...rest].join("\n");
    fs.writeFileSync(path.join(dir, `${String(i).padStart(5, "0")}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tw-bench-ingest-"));
try {
  console.log(`bench:ingest on ${os.cpus().length} cores; PGlite in a fresh directory per run`);
  console.log("| files | MB | seconds | files/s | peak RSS MB |");
  console.log("| ---: | ---: | ---: | ---: | ---: |");
  for (const size of SIZES) {
    const folder = path.join(root, `articles-${size}`);
    const bytes = writeFolder(folder, size);
    const started = Date.now();
    const run = spawnSync(
      "/usr/bin/time",
      ["-f", "%M", path.resolve("node_modules/.bin/tsx"), "scripts/ingest.ts", folder],
      {
        env: { ...process.env, PGLITE_DIR: path.join(root, `db-${size}`), DATABASE_URL: "" },
        encoding: "utf8",
      },
    );
    const seconds = (Date.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`ingest failed: ${run.stderr}`);
    // GNU time prints the peak RSS in KB as the last line of stderr.
    const peakKb = Number(run.stderr.trim().split("\n").at(-1));
    console.log(
      `| ${size} | ${(bytes / 1e6).toFixed(2)} | ${seconds.toFixed(1)} | ${(size / seconds).toFixed(0)} | ${(peakKb / 1024).toFixed(0)} |`,
    );
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
