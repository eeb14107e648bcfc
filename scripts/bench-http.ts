// HTTP benchmark: the built server on PostgreSQL and on PGlite, driven by autocannon.
// Two parts, both on each back end:
//  - misses (`--only miss`): single requests that the response cache cannot answer (p50 of `/`
//    at the default, a random and the full range, the full four-currency CSV and the zip), then
//    50 connections where every request asks for a range nobody asked for before (the document,
//    then the route's data alone as the loaded page fetches it), beside the `/healthz` floor
//    measured on the same server just before and just after them (their mean is the reference);
//  - repeats (`--only repeat`): the same URL over and over (the response cache's best case).
// Usage: npm run bench:http [-- --duration 20 --connections 50 --only miss|repeat --port 3901]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { createThrowawayDatabase } from "../db/throwaway";
import { integerOption, parseCommandLine, UsageError } from "./lib/args";
import { rssMb } from "./lib/rss";

const { values: options } = parseCommandLine(process.argv.slice(2), {
  duration: { type: "string" },
  connections: { type: "string" },
  only: { type: "string" },
  port: { type: "string" },
});
const duration = integerOption(options.duration, "duration", 20);
const connections = integerOption(options.connections, "connections", 50);
if (options.only !== undefined && options.only !== "miss" && options.only !== "repeat")
  throw new UsageError(`--only takes miss or repeat, not "${options.only}"`);
const only = options.only ?? null;
/** The servers listen on ports from here (six in all), so runs beside other servers can avoid them. */
const portBase = integerOption(options.port, "port", 3901);
const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const root = process.cwd();
const FULL = "from=1971-01-01&to=2026-12-31";
const TARGETS = [
  { name: "floor /healthz", path: "/healthz" },
  { name: "/ (full range)", path: `/?${FULL}` },
  { name: "/download/trade.csv (full)", path: `/download/trade.csv?${FULL}` },
  { name: "/download/currency.csv (full)", path: `/download/currency.csv?${FULL}` },
];

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, commandArgs, { env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed`);
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
    env: { ...env, PORT: String(port), NODE_ENV: "production", LOG_REQUESTS: "off" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("server did not start");
}

async function stopServer(child: ChildProcess) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // exited
  }
}

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  peakRssMb: number;
}

async function drive(
  base: string,
  target: { name: string; path: string },
  serverPid: number,
): Promise<Result> {
  // Warm up once so the first request's caches and connections are not measured.
  await (await fetch(`${base}${target.path}`)).arrayBuffer();
  await (await fetch(`${base}${target.path}`)).arrayBuffer();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 200);
  // Browsers always ask for gzip; so does the benchmark.
  const result = await autocannon({
    url: `${base}${target.path}`,
    connections,
    duration,
    headers: { "accept-encoding": "gzip" },
  });
  clearInterval(sampler);
  return summarise(target.name, result, peak);
}

/** One autocannon run as a table row. */
function summarise(
  name: string,
  result: Awaited<ReturnType<typeof autocannon>>,
  peakRssMb: number,
): Result {
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    peakRssMb,
  };
}

async function javascriptForIndex(
  base: string,
): Promise<{ files: number; raw: number; gzip: number }> {
  const html = await (await fetch(`${base}/`)).text();
  const urls = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g))
    urls.add(match[1]);
  for (const match of html.matchAll(/import\s*(?:[^"']*from\s*)?["'](\/build\/[^"']+\.js)["']/g))
    urls.add(match[1]);
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(new URL(url, base))).arrayBuffer());
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { files: urls.size, raw, gzip };
}

/** A date range no earlier request used: random start and length, unique per run. */
function distinctRanges(seed: number): () => string {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const seen = new Set<string>();
  const start = Date.UTC(1992, 0, 1);
  const end = Date.UTC(2026, 0, 1);
  const day = 86_400_000;
  return () => {
    for (;;) {
      const from = start + Math.floor(random() * ((end - start) / day)) * day;
      const to = Math.min(end, from + (30 + Math.floor(random() * 4000)) * day);
      const key = `from=${new Date(from).toISOString().slice(0, 10)}&to=${new Date(to).toISOString().slice(0, 10)}`;
      if (!seen.has(key)) {
        seen.add(key);
        return key;
      }
    }
  };
}

async function timeOnce(url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { "accept-encoding": "gzip" } });
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, status: response.status };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** p50 of `count` sequential requests, each URL from `next` (a cache miss when the URLs differ). */
async function sequential(next: () => string, count: number, serverPid: number) {
  const times: number[] = [];
  let bytes = 0;
  let peak = 0;
  const before = rssMb(serverPid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 20);
  for (let i = 0; i < count; i++) {
    const result = await timeOnce(next());
    if (result.status !== 200) throw new Error(`${next()} answered ${result.status}`);
    times.push(result.ms);
    bytes = result.bytes;
  }
  clearInterval(sampler);
  return { p50: median(times), max: Math.max(...times), bytes, rssGrowthMb: peak - before };
}

async function benchMisses(label: string, env: NodeJS.ProcessEnv, port: number) {
  console.log(`\n## ${label}: cache misses`);
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/setup.ts"], env);
  // Single requests run with the response cache off, so a repeated URL is still a miss.
  const uncached = await startServer({ ...env, PAGE_CACHE: "off" }, port);
  const base = `http://127.0.0.1:${port}`;
  const ranges = distinctRanges(port);
  const FOUR = "fx=cny,gbp,eur,jpy";
  try {
    await timeOnce(`${base}/`);
    const rows = [
      ["`/` default range", await sequential(() => `${base}/`, 30, uncached.pid!)],
      ["`/` random range", await sequential(() => `${base}/?${ranges()}`, 50, uncached.pid!)],
      [
        "`/?from=1971-01-01`",
        await sequential(() => `${base}/?from=1971-01-01`, 20, uncached.pid!),
      ],
      [
        "full-range four-currency CSV",
        await sequential(
          () => `${base}/download/currency.csv?from=1971&${FOUR}`,
          10,
          uncached.pid!,
        ),
      ],
      [
        "zip bundle, full range, four currencies",
        await sequential(() => `${base}/download/bundle.zip?from=1971&${FOUR}`, 10, uncached.pid!),
      ],
    ] as const;
    console.log(
      `| single request (cache off) | p50 ms | max ms | body KB | server RSS growth MB |`,
    );
    console.log(`| --- | ---: | ---: | ---: | ---: |`);
    for (const [name, r] of rows)
      console.log(
        `| ${name} | ${r.p50.toFixed(1)} | ${r.max.toFixed(1)} | ${(r.bytes / 1024).toFixed(0)} | ${r.rssGrowthMb.toFixed(0)} |`,
      );
  } finally {
    await stopServer(uncached);
  }
  // Under load the response cache stays on as in production; every URL is new, so all miss.
  const server = await startServer(env, port);
  try {
    // A page first, so the floor is not measured while the server still opens the database and
    // reads the data (PGlite's work blocks the event loop: on a busy machine /healthz then
    // answered nothing for the whole run).
    await timeOnce(`${base}/`);
    const floorBefore = await drive(
      base,
      { name: "floor /healthz, before the misses", path: "/healthz" },
      server.pid!,
    );
    const allMiss = async (name: string, suffix: string) => {
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 200);
      const result = await autocannon({
        url: base,
        connections,
        duration,
        headers: { "accept-encoding": "gzip" },
        requests: [
          {
            setupRequest: (request: { path: string }) => ({
              ...request,
              path: `/?${ranges()}${suffix}`,
            }),
          },
        ],
      });
      clearInterval(sampler);
      return summarise(name, result, peak);
    };
    const miss = await allMiss("`/`, every request a new range", "");
    // What the browser asks for on a drag-zoom, a typed date or a preset once the page is loaded:
    // the route's data alone, no document (Remix's `_data` request).
    const data = await allMiss(
      "`/` data only (`_data`, as the loaded page fetches a new range)",
      "&_data=routes%2F_index",
    );
    // The floor again: a shared machine's speed drifts within a minute, so the misses are compared
    // with the mean of the floor measured just before and just after them.
    const floorAfter = await drive(
      base,
      { name: "floor /healthz, after the misses", path: "/healthz" },
      server.pid!,
    );
    const floorRps = (floorBefore.rps + floorAfter.rps) / 2;
    console.log(
      `\n| ${connections} connections, ${duration} s | req/s | p50 ms | p99 ms | req/s vs floor (mean of both) | errors | non-2xx | server peak RSS MB |`,
    );
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
    for (const r of [floorBefore, miss, data, floorAfter])
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.rps / floorRps).toFixed(3)} | ${r.errors} | ${r.non2xx} | ${r.peakRssMb.toFixed(0)} |`,
      );
  } finally {
    await stopServer(server);
  }
}

async function benchOne(label: string, env: NodeJS.ProcessEnv, port: number) {
  console.log(`\n## ${label}`);
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/setup.ts"], env);
  const server = await startServer(env, port);
  try {
    const base = `http://127.0.0.1:${port}`;
    const results: Result[] = [];
    for (const target of TARGETS) results.push(await drive(base, target, server.pid!));
    const floor = results[0];
    console.log(
      `| route | req/s | p50 ms | p99 ms | req/s vs floor | errors | non-2xx | server peak RSS MB |`,
    );
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.rps / floor.rps).toFixed(3)} | ${r.errors} | ${r.non2xx} | ${r.peakRssMb.toFixed(0)} |`,
      );
    }
    return base;
  } finally {
    await stopServer(server);
  }
}

if (!fs.existsSync(path.join(root, "build/index.js")))
  run(process.execPath, [path.join(root, "scripts/build-app.mjs")], process.env);
console.log(
  `autocannon: ${connections} connections, ${duration} s per route; ${os.cpus().length} cores`,
);

const database = await createThrowawayDatabase(adminUrl, "tw_bench_http");
const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-bench-http-"));
try {
  const pgEnv = { ...process.env, DATABASE_URL: database.url };
  const pgliteEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PGLITE_DIR: path.join(pgliteDir, "pglite"),
  };
  delete pgliteEnv.DATABASE_URL;
  if (only !== "repeat") {
    await benchMisses("PGlite", pgliteEnv, portBase + 4);
    await benchMisses("PostgreSQL", pgEnv, portBase + 5);
  }
  if (only !== "miss") {
    await benchOne("PostgreSQL", pgEnv, portBase + 0);
    await benchOne(
      "PostgreSQL, response cache off (every request runs loaders and renders)",
      { ...pgEnv, PAGE_CACHE: "off" },
      portBase + 3,
    );
    await benchOne("PGlite", pgliteEnv, portBase + 1);
  }
  // JavaScript sent for `/`, measured on a fresh server so it reflects the current build.
  const server = await startServer(pgEnv, portBase + 2);
  try {
    const js = await javascriptForIndex(`http://127.0.0.1:${portBase + 2}`);
    console.log(
      `\nJavaScript for /: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzipped (goal <= 150 KB)`,
    );
  } finally {
    await stopServer(server);
  }
} finally {
  await database.drop();
  fs.rmSync(pgliteDir, { recursive: true, force: true });
}
