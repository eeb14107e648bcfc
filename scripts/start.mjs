#!/usr/bin/env node
// `npm start`: build when the sources are newer than the build, prepare the database
// (migrate + load the shipped data if empty), then serve. Plain JS so it runs before anything is built.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { newestMtime } from "../db/newest-mtime.mjs";
import { setupInputs } from "./lib/setup-inputs.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

/**
 * Runs a step; `quiet` keeps its chatter (the build's notes for developers: Vite's CJS notice,
 * Remix's future-flag advice) off the console unless the step fails.
 */
function run(command, args, label, { quiet = false } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
    env: process.env,
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    console.error(`${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const buildStamp = newestMtime("build/index.js");
const sourceStamp = Math.max(
  ...["app", "db", "remix.config.js", "package-lock.json"].map(newestMtime),
);
if (buildStamp === 0 || sourceStamp > buildStamp)
  run(process.execPath, ["scripts/build-app.mjs"], "Build", { quiet: true });

// A later start on the same PGlite directory skips the setup step when nothing it reads changed
// since it last succeeded there (the stamp lives in the directory, so it goes with it). PostgreSQL
// is shared with other tools, so it is always checked.
const pgliteDir = process.env.DATABASE_URL
  ? null
  : path.resolve(process.env.PGLITE_DIR ?? ".data/pglite");
const stampFile = pgliteDir && path.join(pgliteDir, "setup-stamp.json");
const inputs = setupInputs(
  "data",
  Math.max(sourceStamp, newestMtime("build/index.js"), newestMtime("scripts/setup.ts")),
);
if (stampFile && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === inputs) {
  console.log(
    `Database ready (pglite: ${pgliteDir}); shipped data unchanged since the last start, setup skipped.`,
  );
} else {
  if (stampFile) fs.rmSync(stampFile, { force: true });
  // Compiled (build/cli/setup.mjs, rebuilt when stale): no TypeScript loader on the start path.
  run(process.execPath, [path.join(root, "scripts/cli.mjs"), "setup"], "Database setup");
  if (stampFile && fs.existsSync(pgliteDir)) fs.writeFileSync(stampFile, inputs);
}

// The server prints the one "Listening on" line itself, once it really listens.
const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
  stdio: "inherit",
  // The setup step above has made sure of the shipped data: the server need not check again.
  env: { NODE_ENV: "production", ...process.env, PORT: port, SHIPPED_DATA_CHECKED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.kill(signal);
    // Don't wait forever on a server that lingers after closing its listener.
    setTimeout(() => server.kill("SIGKILL"), 5000).unref();
  });
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
