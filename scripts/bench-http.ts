// HTTP benchmark: the built server on PostgreSQL and on PGlite, driven by autocannon.
// For each: a trivial route as the floor, `/` at the full range, and the two big CSV downloads.
// Usage: npm run bench:http [-- --duration 20 --connections 50]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon from "autocannon";
import postgres from "postgres";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const duration = option("duration", 20);
const connections = option("connections", 50);
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

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
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
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(serverPid))), 200);
  // Browsers always ask for gzip; so does the benchmark.
  const result = await autocannon({
    url: `${base}${target.path}`,
    connections,
    duration,
    headers: { "accept-encoding": "gzip" },
  });
  clearInterval(sampler);
  return {
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    peakRssMb: peak,
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
  run(path.join(root, "node_modules/.bin/remix"), ["build"], process.env);
console.log(
  `autocannon: ${connections} connections, ${duration} s per route; ${os.cpus().length} cores`,
);

const dbName = `tw_bench_http_${process.pid}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const pgUrl = new URL(adminUrl);
pgUrl.pathname = `/${dbName}`;
const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-bench-http-"));
try {
  const pgEnv = { ...process.env, DATABASE_URL: pgUrl.toString() };
  await benchOne("PostgreSQL", pgEnv, 3901);
  await benchOne(
    "PostgreSQL, response cache off (every request runs loaders and renders)",
    { ...pgEnv, PAGE_CACHE: "off" },
    3904,
  );
  const pgliteEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PGLITE_DIR: path.join(pgliteDir, "pglite"),
  };
  delete pgliteEnv.DATABASE_URL;
  await benchOne("PGlite", pgliteEnv, 3902);
  // JavaScript sent for `/`, measured on a fresh server so it reflects the current build.
  const server = await startServer(pgEnv, 3903);
  try {
    const js = await javascriptForIndex("http://127.0.0.1:3903");
    console.log(
      `\nJavaScript for /: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzipped (goal < 200 KB)`,
    );
  } finally {
    await stopServer(server);
  }
} finally {
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(pgliteDir, { recursive: true, force: true });
}
