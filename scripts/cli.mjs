#!/usr/bin/env node
// Run a compiled CLI: `node scripts/cli.mjs extract ARGS...`. Rebuilds build/cli/ first when it is
// missing or older than any source it bundled (a few stat calls), then runs the plain JavaScript.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "build", "cli");

const [name, ...args] = process.argv.slice(2);
const compiled = path.join(CLI_DIR, `${name}.mjs`);

function isStale() {
  try {
    const builtAt = fs.statSync(compiled).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(path.join(CLI_DIR, "inputs.json"), "utf8"));
    return inputs.some((input) => !fs.existsSync(input) || fs.statSync(input).mtimeMs > builtAt);
  } catch {
    return true;
  }
}

// The compiler is loaded only when needed: it costs more than the check.
if (isStale()) await (await import("./build-cli.mjs")).buildCli();
const cli = await import(pathToFileURL(compiled).href);
process.exitCode = await cli.main(args);
