// Soak benchmark: the built server on a fresh PGlite directory loaded with the shipped data (or on
// DATABASE_URL), 50 connections for 60 s over a mix of cached and uncached pages and downloads,
// plus junk-parameter variants. Prints req/s, latency p50/p99, errors and the server's RSS.
// With --attack it then replays the junk-URL attack of issue 12 (128 junk variants of the 15 MB
// currency download, 500 junk page URLs, 60 distinct ranges of that download) and prints the RSS
// ceiling it reached. Memory is sampled inside the server (scripts/lib/memory-probe.mjs): RSS, the
// V8 heap and the memory outside it (buffers), so a growth can be told apart.
// Usage: npm run bench:soak [-- --duration 60 --connections 50 --attack]
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { rssMb } from "./lib/rss";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    attack: { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const root = process.cwd();
const port = 30_000 + Math.floor(Math.random() * 10_000);

interface MemorySample {
  at: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const MB = 1024 * 1024;

/** The server's own samples taken between two times. */
function samplesBetween(file: string, from: number, to: number): MemorySample[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MemorySample)
    .filter((sample) => sample.at >= from && sample.at <= to);
}

/** "rss 386 → 949 (peak 990) MB; heap used …": first, last and peak of each figure. */
function describeMemory(samples: MemorySample[]): string[] {
  if (samples.length === 0) return ["  (no memory samples from the server)"];
  const keys = ["rss", "heapTotal", "heapUsed", "external", "arrayBuffers"] as const;
  return keys.map((key) => {
    const values = samples.map((sample) => sample[key] / MB);
    const peak = Math.max(...values);
    return `  ${key.padEnd(13)} ${values[0].toFixed(0)} → ${values.at(-1)!.toFixed(0)} MB (peak ${peak.toFixed(0)} MB)`;
  });
}

const randomDay = () => {
  const year = 2017 + Math.floor(Math.random() * 9);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  return `${year}-${month}-${day}`;
};

/** Cached URLs repeat; uncached ones pick a random start day; junk ones add a random parameter. */
const MIX: { kind: string; path: () => string }[] = [
  { kind: "cached page", path: () => "/?from=2019" },
  { kind: "cached download", path: () => "/download/trade.csv?from=2018" },
  { kind: "cached article list", path: () => "/articles" },
  { kind: "uncached page", path: () => `/?from=${randomDay()}` },
  { kind: "uncached download", path: () => `/download/tariffs.json?from=${randomDay()}` },
  { kind: "junk parameters", path: () => `/?from=2019&junk=${Math.random()}` },
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-soak-"));
const probeFile = path.join(dataDir, "memory.jsonl");
const env: NodeJS.ProcessEnv = {
  ...process.env,
  MEMORY_PROBE_FILE: probeFile,
  PGLITE_DIR: path.join(dataDir, "pglite"),
  NODE_ENV: "production",
  LOG_REQUESTS: "off",
  PORT: String(port),
};
try {
  if (!fs.existsSync(path.join(root, "build/index.js"))) {
    spawnSync(process.execPath, [path.join(root, "scripts/build-app.mjs")], {
      stdio: "inherit",
      env,
    });
  }
  const setup = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/setup.ts"], {
    env,
    stdio: "inherit",
  });
  if (setup.status !== 0) throw new Error("database setup failed");
  const server = spawn(
    process.execPath,
    [
      "--import",
      path.join(root, "scripts/lib/memory-probe.mjs"),
      path.join(root, "scripts/serve.mjs"),
    ],
    {
      env,
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    },
  );
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error("server did not start");
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {
        // not yet listening
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const soakStarted = Date.now();
    const rssStart = rssMb(server.pid!);
    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.pid!))), 500);
    let next = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration,
      requests: [
        {
          setupRequest: (request) => ({ ...request, path: MIX[next++ % MIX.length].path() }),
        },
      ],
    });
    clearInterval(sampler);
    const rssEnd = rssMb(server.pid!);
    const total = result.requests.total;
    console.log(
      `soak: ${connections} connections for ${duration} s over ${MIX.map((m) => m.kind).join(", ")}`,
    );
    console.log(`  requests      ${total} (${result.requests.average.toFixed(0)} req/s)`);
    console.log(`  latency       p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    console.log(
      `  errors        ${result.errors} (timeouts ${result.timeouts}), non-2xx ${result.non2xx}`,
    );
    console.log(
      `  server RSS    start ${rssStart.toFixed(0)} MB, end ${rssEnd.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB`,
    );
    console.log("  inside the server (first → last sample of the run):");
    for (const line of describeMemory(samplesBetween(probeFile, soakStarted - 1000, Date.now())))
      console.log(line);
    if (values.attack) await junkAttack(`http://127.0.0.1:${port}`, server.pid!, probeFile);
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      // exited
    }
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Issue 12's junk-URL attack, one request at a time; prints the RSS it reached. */
async function junkAttack(base: string, pid: number, probe: string): Promise<void> {
  const started = Date.now();
  let peak = rssMb(pid);
  const before = peak;
  const get = async (url: string) => {
    const response = await fetch(`${base}${url}`);
    await response.arrayBuffer();
    peak = Math.max(peak, rssMb(pid));
  };
  for (let i = 0; i < 128; i++)
    await get(`/download/currency.json?from=1971&fx=eur,gbp,jpy&junk=${i}`);
  for (let i = 0; i < 500; i++) await get(`/?from=2019&junk=${i}&x${i}=${i}`);
  for (let i = 0; i < 60; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    await get(`/download/currency.json?from=${1971 + Math.floor(i / 12)}-${month}&fx=eur,gbp,jpy`);
  }
  console.log(
    `junk-URL attack: RSS ${before.toFixed(0)} MB before, ceiling ${peak.toFixed(0)} MB, ${rssMb(pid).toFixed(0)} MB after`,
  );
  for (const line of describeMemory(samplesBetween(probe, started, Date.now()))) console.log(line);
}
