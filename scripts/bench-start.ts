// Start-up benchmark: `npm start` as users run it after `npm ci` (the build is current), on the
// default PGlite back end. Reports the time from spawning `node scripts/start.mjs` until the
// dashboard `/` answers 200 (so the server listens and has read the data):
//  - first start: a new, empty PGlite directory (the prepared seed, when fresh, is unpacked);
//  - later starts: the same directory again, nothing changed since.
// Usage: npm run bench:start [-- --later 3]
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freshSeed } from "../db/index";
import { integerOption, parseCommandLine } from "./lib/args";

const { values: options } = parseCommandLine(process.argv.slice(2), { later: { type: "string" } });
const laterRuns = integerOption(options.later, "later", 3);
const root = process.cwd();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

async function stop(child: ChildProcess) {
  if (!child.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 8000);
  await exited;
  clearTimeout(timer);
}

/** Seconds from spawning `npm start`'s script until `/` answers 200. */
async function timeStart(pgliteDir: string): Promise<{ seconds: number; output: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    PGLITE_DIR: pgliteDir,
    LOG_REQUESTS: "off",
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let listening = 0;
  child.stdout?.on("data", (chunk) => {
    output += chunk;
    if (!listening && output.includes("Listening on")) listening = performance.now() - started;
  });
  child.stderr?.on("data", (chunk) => (output += chunk));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (performance.now() - started > 120_000) throw new Error(`no 200 within 120 s:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        await response.arrayBuffer();
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, output: `${output}(listening after ${(listening / 1000).toFixed(2)} s)\n` };
  } finally {
    await stop(child);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-bench-start-"));
try {
  const pgliteDir = path.join(dir, "pglite");
  console.log(
    `${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}; prepared seed ${freshSeed() ? "fresh" : "missing or outdated (run npm run build)"}`,
  );
  const first = await timeStart(pgliteDir);
  console.log(`first start (new PGlite directory): ${first.seconds.toFixed(2)} s (goal <= 8 s)`);
  for (const line of first.output.trim().split("\n")) console.log(`  ${line}`);
  const later: number[] = [];
  for (let i = 0; i < laterRuns; i++) {
    const run = await timeStart(pgliteDir);
    later.push(run.seconds);
    if (i === 0) for (const line of run.output.trim().split("\n")) console.log(`  ${line}`);
  }
  const sorted = [...later].sort((a, b) => a - b);
  console.log(
    `later start (same directory, nothing changed): median ${sorted[sorted.length >> 1].toFixed(2)} s of ${later.map((s) => s.toFixed(2)).join(", ")} (goal <= 2 s)`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
